import { Type } from 'typebox';

/** Schemas shared by many routes. */
export const Uuid = Type.String({ format: 'uuid', description: 'a UUID' });
export const IdParams = Type.Object({ id: Uuid });
/** A timestamp: handlers may return a Date; it is serialised as ISO-8601 in UTC (`Z`). */
export const IsoDateTime = Type.Unsafe<Date | string>({
  type: 'string',
  format: 'date-time',
  description: 'ISO-8601 with offset',
});

export const Problem = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    code: Type.String(),
  },
  { additionalProperties: true, description: 'application/problem+json' },
);

/** Standard error responses, so OpenAPI lists them for every route. */
export const problemResponses = {
  400: Problem,
  401: Problem,
  403: Problem,
  404: Problem,
  409: Problem,
  422: Problem,
};

export const Ok = Type.Object({ ok: Type.Literal(true) });
