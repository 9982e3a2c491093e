import { Type } from 'typebox';
import { FreeText, Uuid } from '../../http/schemas.ts';

const Clock = Type.String({
  pattern: '^\\d{2}:\\d{2}$',
  description: 'site-local time HH:MM (24:00 = end of day)',
});
const Weekday = Type.Integer({ minimum: 1, maximum: 7, description: 'ISO weekday, 1 = Monday' });
const SiteSlug = Type.String({ pattern: '^[a-z0-9-]+$', maxLength: 60 });

export const SchedulesQuery = Type.Object({ site: SiteSlug }, { additionalProperties: false });

export const Schedule = Type.Object({
  id: Type.String(),
  userId: Type.String(),
  userName: Type.String(),
  weekday: Type.Integer(),
  start: Type.String(),
  end: Type.String(),
});

export const ScheduleException = Type.Object({
  id: Type.String(),
  userId: Type.Union([Type.String(), Type.Null()]),
  userName: Type.Union([Type.String(), Type.Null()]),
  date: Type.String(),
  kind: Type.Union([Type.Literal('off'), Type.Literal('extra')]),
  start: Type.Union([Type.String(), Type.Null()]),
  end: Type.Union([Type.String(), Type.Null()]),
  note: Type.String(),
});

export const SiteSchedules = Type.Object({
  siteSlug: Type.String(),
  timeZone: Type.String(),
  items: Type.Array(Schedule),
  exceptions: Type.Array(ScheduleException),
});

export const AddScheduleBody = Type.Object(
  { siteSlug: SiteSlug, userId: Uuid, weekday: Weekday, start: Clock, end: Clock },
  { additionalProperties: false },
);

export const ChangeScheduleBody = Type.Object(
  { weekday: Type.Optional(Weekday), start: Type.Optional(Clock), end: Type.Optional(Clock) },
  { additionalProperties: false },
);

export const AddScheduleExceptionBody = Type.Object(
  {
    siteSlug: SiteSlug,
    userId: Type.Optional(Type.Union([Uuid, Type.Null()], { description: 'null or absent: the whole desk' })),
    date: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'site-local date' }),
    kind: Type.Union([Type.Literal('off'), Type.Literal('extra')]),
    start: Type.Optional(Clock),
    end: Type.Optional(Clock),
    note: Type.Optional(FreeText({ maxLength: 500 })),
  },
  { additionalProperties: false },
);
