import { Type } from 'typebox';
import { Problem, problemResponses, Uuid } from '../../http/schemas.ts';

export const SiteParams = Type.Object({ slug: Type.String({ pattern: '^[a-z0-9-]+$', maxLength: 60 }) });
export const TokenParams = Type.Object({ token: Type.String({ minLength: 1, maxLength: 600 }) });

export const AvailabilityQuery = Type.Object(
  {
    from: Type.String({ description: 'first date, YYYY-MM-DD in the zone `tz`', maxLength: 20 }),
    days: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 366,
        description:
          'how many dates; left out, every date up to the site’s booking horizon (cut at it when more)',
      }),
    ),
    tz: Type.String({
      description:
        'the customer’s IANA time zone: the answer is shown in it, and windows inside their quiet hours are left out',
      maxLength: 80,
    }),
  },
  { additionalProperties: false },
);

const OpenWindow = Type.Object({
  start: Type.String({ description: 'ISO-8601 with the asked zone’s offset' }),
  end: Type.String(),
  remaining: Type.Integer(),
});

/** A refused window (400 not one the desk staffs, 409 just filled, 422 too soon or too far ahead). */
const WindowRefusal = Type.Object(
  {
    ...Problem.properties,
    alternatives: Type.Optional(
      Type.Array(OpenWindow, { description: 'the nearest open windows before and after the one asked for' }),
    ),
  },
  { additionalProperties: true },
);
const WindowRefusalResponse = {
  description: 'a problem document; a refused window offers the nearest open ones in `alternatives`',
  content: { 'application/problem+json': { schema: WindowRefusal } },
};
/** The error responses of a route that takes a window. */
export const windowProblemResponses = {
  ...problemResponses,
  400: WindowRefusalResponse,
  409: WindowRefusalResponse,
  422: WindowRefusalResponse,
};

export const Availability = Type.Object({
  siteSlug: Type.String(),
  siteTimeZone: Type.String(),
  timeZone: Type.String(),
  windowMinutes: Type.Integer(),
  horizonDays: Type.Integer({ description: 'how many days ahead the site takes bookings (admin setting)' }),
  lastBookableDate: Type.String({ description: 'the last date (in `tz`) within the booking horizon' }),
  isClippedToHorizon: Type.Boolean({ description: 'the days asked for went past the horizon and were cut' }),
  quietHours: Type.Object(
    { start: Type.String(), end: Type.String() },
    {
      description: 'the customer’s quiet hours (callback guidelines); windows touching them are not offered',
    },
  ),
  days: Type.Array(Type.Object({ date: Type.String(), windows: Type.Array(OpenWindow) })),
});

export const BookCallbackBody = Type.Object(
  {
    escalationId: Uuid,
    start: Type.String({ description: 'the window start, ISO-8601 with offset', maxLength: 40 }),
    customerTimeZone: Type.String({ description: 'IANA zone of the customer', maxLength: 80 }),
  },
  { additionalProperties: false },
);

export const Appointment = Type.Object({
  id: Type.String(),
  start: Type.String(),
  end: Type.String(),
  siteSlug: Type.String(),
  status: Type.String(),
  customerTimeZone: Type.String(),
  sequence: Type.Integer(),
  escalationId: Type.String(),
  exceptionId: Type.Union([Type.String(), Type.Null()]),
  taskId: Type.Union([Type.String(), Type.Null()]),
  jobNumber: Type.String(),
  customerName: Type.String(),
});

export const Confirmation = Type.Object({
  desk: Type.String(),
  date: Type.String({ description: 'the date in the customer’s zone, written out' }),
  window: Type.String({ description: 'the window in the customer’s zone, e.g. "10:00 AM – 10:30 AM EST"' }),
  start: Type.String(),
  end: Type.String(),
  customerTimeZone: Type.String(),
  emailTo: Type.Union([Type.String(), Type.Null()]),
  whatHappensNext: Type.Array(Type.String()),
  script: Type.String({ description: 'what the agent reads to the customer' }),
  manageUrl: Type.String(),
});

export const BookedCallback = Type.Object(
  {
    appointment: Appointment,
    exception: Type.Object({ id: Type.String() }, { additionalProperties: true }),
    task: Type.Object({ id: Type.String() }, { additionalProperties: true }),
    confirmation: Confirmation,
  },
  { additionalProperties: true },
);

export const RescheduleBody = Type.Object(
  { start: Type.String({ description: 'the new window start, ISO-8601 with offset', maxLength: 40 }) },
  { additionalProperties: false },
);
