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
  { additionalProperties: true },
);

/** The response schema of an error: documented and serialised as `application/problem+json`. */
export const ProblemResponse = {
  description: 'a problem document (RFC 9457) with a stable `code`',
  content: { 'application/problem+json': { schema: Problem } },
};

/** Standard error responses, so OpenAPI lists them for every route. */
export const problemResponses = {
  400: ProblemResponse,
  401: ProblemResponse,
  403: ProblemResponse,
  404: ProblemResponse,
  409: ProblemResponse,
  422: ProblemResponse,
};

/** The schema keyword marking free text (registered with the validator in `src/app.ts`). */
export const freeTextKeyword = 'x-free-text';

/**
 * A string a person writes freely (notes, summaries, guidance): it may span lines, so tab, line feed
 * and carriage return are allowed in it. Every other string refuses all control characters; see
 * `src/http/control-characters.ts`, which reads this mark.
 */
export const FreeText = (options: Parameters<typeof Type.String>[0] = {}) =>
  Type.String({ ...options, [freeTextKeyword]: true });

export const Ok = Type.Object({ ok: Type.Literal(true) });
