import { Type } from 'typebox';

const Clock = Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$', description: 'HH:MM, 24-hour' });

const fields = {
  attemptsAllowed: Type.Integer({
    minimum: 1,
    maximum: 10,
    description: 'failed attempts before the reschedule email',
  }),
  minimumGapMinutes: Type.Integer({
    minimum: 0,
    maximum: 240,
    description: 'a failure sooner than this after the previous one does not count',
  }),
  firstContactMinutes: Type.Integer({
    minimum: 1,
    maximum: 240,
    description: 'first call promised within this of the window start',
  }),
  retryWindowMinutes: Type.Integer({
    minimum: 1,
    maximum: 240,
    description: 'next call promised within this after a missed attempt',
  }),
  reminderLeadMinutes: Type.Integer({
    minimum: 0,
    maximum: 1440,
    description: 'review reminder this long before the window',
  }),
  atRiskLeadMinutes: Type.Integer({
    minimum: 0,
    maximum: 120,
    description: 'at-risk alert this long before a promise falls due',
  }),
  quietHours: Type.Object(
    { start: Clock, end: Clock },
    {
      additionalProperties: false,
      description: "no calls or emails from start until end, customer's local time",
    },
  ),
  waitingExpiryHours: Type.Integer({
    minimum: 1,
    maximum: 720,
    description: 'after the reschedule email, close as unreachable after this',
  }),
  droppedCallHandling: Type.Union([Type.Literal('immediate_retry'), Type.Literal('count_as_failed')]),
  droppedRetryMinutes: Type.Integer({ minimum: 1, maximum: 240 }),
  wrongNumberHandling: Type.Union([Type.Literal('reschedule_email'), Type.Literal('count_as_failed')]),
};

export const CallbackGuidelinesSchema = Type.Object(fields);

export const UpdateCallbackGuidelinesBody = Type.Partial(Type.Object(fields), {
  additionalProperties: false,
  minProperties: 1,
});
