import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { isDatabaseUnavailable } from '../db/connection-errors.ts';
import { AppError, type ErrorCode } from '../lib/errors.ts';

const statusByCode: Record<ErrorCode, number> = {
  validation_failed: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  already_answered: 409,
  already_decided: 409,
  open_escalation_exists: 409,
  invalid_transition: 409,
  window_full: 409,
  idempotency_mismatch: 422,
  permission_required: 403,
  unprocessable: 422,
  wrong_resolution_kind: 400,
  no_route: 422,
  rate_limited: 429,
  payload_too_large: 413,
  unsupported_media_type: 415,
  uri_too_long: 414,
  cross_origin: 403,
};

const titles: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** Seconds a client should wait before retrying after a lost database connection. */
const retryAfterSeconds = 1;

export function statusOf(code: ErrorCode): number {
  return statusByCode[code];
}

function sendProblem(
  reply: FastifyReply,
  status: number,
  code: string,
  detail: string,
  extra: Record<string, unknown> = {},
) {
  return reply
    .status(status)
    .type('application/problem+json')
    .send({ type: `about:blank#${code}`, title: titles[status] ?? 'Error', status, detail, code, ...extra });
}

// PostgreSQL errors that bad input can still provoke despite validation (e.g. racing deletes).
const pgCodes: Record<string, { status: number; code: ErrorCode; detail: string }> = {
  '23505': { status: 409, code: 'conflict', detail: 'a record with the same unique value already exists' },
  '23503': { status: 422, code: 'unprocessable', detail: 'a referenced record does not exist' },
  '22P02': { status: 400, code: 'validation_failed', detail: 'a value has the wrong format' },
  '22007': { status: 400, code: 'validation_failed', detail: 'a date or time has the wrong format' },
  '22008': { status: 400, code: 'validation_failed', detail: 'a date or time is out of range' },
  '22009': { status: 400, code: 'validation_failed', detail: 'a date or time is out of range' },
  '23514': { status: 422, code: 'unprocessable', detail: 'a value breaks a rule of the data' },
  // A control character that reached the database despite the check at the edge (U+0000 in text or jsonb).
  '22021': {
    status: 400,
    code: 'validation_failed',
    detail: 'a value contains a character the database refuses',
  },
  '22P05': {
    status: 400,
    code: 'validation_failed',
    detail: 'a value contains a character the database refuses',
  },
};

// Framework errors (body parser, router, rate limiter) carry only a status.
const codeByStatus: Record<number, ErrorCode> = {
  404: 'not_found',
  413: 'payload_too_large',
  414: 'uri_too_long',
  415: 'unsupported_media_type',
  429: 'rate_limited',
};

/**
 * Fastify error handler (also its `frameworkErrors` handler, for a bad URL or an over-long path
 * parameter): AppError and framework errors become problem+json; the rest a bare 500.
 */
export function handleError(
  error: FastifyError | AppError | Error,
  request: FastifyRequest,
  reply: FastifyReply,
) {
  if (error instanceof AppError) {
    return sendProblem(reply, statusOf(error.code), error.code, error.message, error.details);
  }
  const fastifyError = error as FastifyError & { validation?: unknown[]; validationContext?: string };
  if (fastifyError.validation) {
    const where = fastifyError.validationContext ?? 'request';
    return sendProblem(reply, 400, 'validation_failed', `${where}: ${fastifyError.message}`, {
      errors: fastifyError.validation,
    });
  }
  if (isDatabaseUnavailable(error)) {
    // The transaction rolled back, or (when the loss came during COMMIT) may have committed: the
    // client cannot tell, so the answer invites a retry, which an Idempotency-Key makes safe.
    request.log.warn({ err: error }, 'database unavailable');
    return sendProblem(
      reply.header('retry-after', String(retryAfterSeconds)),
      503,
      'database_unavailable',
      'the database is unavailable for a moment; try again (with the same Idempotency-Key, if you sent one)',
    );
  }
  const pg = pgCodes[(error as { code?: string }).code ?? ''];
  if (pg) return sendProblem(reply, pg.status, pg.code, pg.detail);
  const status = fastifyError.statusCode;
  if (status && status >= 400 && status < 500) {
    const code = codeByStatus[status] ?? 'validation_failed';
    return sendProblem(reply, status, code, error.message);
  }
  request.log.error({ err: error }, 'unhandled error');
  // The id is the one thing worth showing: it finds the logged error, and tells nothing else.
  return sendProblem(reply, 500, 'internal', 'something went wrong on our side; it has been logged', {
    requestId: request.id,
  });
}

export function handleNotFound(request: FastifyRequest, reply: FastifyReply) {
  return sendProblem(reply, 404, 'not_found', `no route for ${request.method} ${request.url.split('?')[0]}`);
}
