/** The closed set of error codes services may raise; `src/http/problem.ts` maps each to an HTTP status. */
export type ErrorCode =
  | 'validation_failed'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'already_answered'
  | 'already_decided'
  | 'open_escalation_exists'
  | 'invalid_transition'
  | 'window_full'
  | 'idempotency_mismatch'
  | 'permission_required'
  | 'unprocessable'
  | 'wrong_resolution_kind'
  | 'no_route'
  | 'rate_limited'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'uri_too_long'
  | 'cross_origin';

/** The one error type services throw. `details` become extra members of the problem document. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }
}

export const notFound = (what: string, id?: string) =>
  new AppError('not_found', id ? `${what} ${id} was not found` : `${what} was not found`);
export const forbidden = (message = 'your role may not do this') => new AppError('forbidden', message);
export const invalid = (message: string, details?: Record<string, unknown>) =>
  new AppError('validation_failed', message, details);
