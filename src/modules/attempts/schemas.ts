import { Type } from 'typebox';
import { FreeText, IsoDateTime } from '../../http/schemas.ts';

export const AttemptOutcomeSchema = Type.Union([
  Type.Literal('connected'),
  Type.Literal('no_answer'),
  Type.Literal('voicemail'),
  Type.Literal('wrong_number'),
  Type.Literal('dropped'),
]);

export const LogAttemptBody = Type.Object(
  { outcome: AttemptOutcomeSchema, note: Type.Optional(FreeText({ maxLength: 4000 })) },
  { additionalProperties: false },
);

const AttemptFields = {
  id: Type.String(),
  taskId: Type.String(),
  at: IsoDateTime,
  outcome: Type.String(),
  note: Type.Union([Type.String(), Type.Null()]),
  isEarly: Type.Boolean({ description: 'made before the appointment window started' }),
  countsTowardLimit: Type.Boolean({ description: 'counts toward the attempts the guidelines allow' }),
  byUserId: Type.String(),
  byName: Type.String(),
};

export const LoggedAttempt = Type.Object({
  ...AttemptFields,
  customerTimeZone: Type.String(),
  next: Type.Object(
    {
      kind: Type.String({ description: 'complete | retry | reschedule_email | none' }),
      dueAt: Type.Union([IsoDateTime, Type.Null()]),
    },
    { description: 'what is promised now' },
  ),
});

export const AttemptList = Type.Object({ items: Type.Array(Type.Object(AttemptFields)) });
