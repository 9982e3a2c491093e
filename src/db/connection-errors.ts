// How a lost or refused database connection shows itself through `pg` and Kysely. Such a failure
// says nothing about the request: the same request may well succeed a moment later.

/** SQLSTATE classes and codes meaning "the server went away or will not take us now". */
const unavailableStates = new Set([
  '57P01', // admin_shutdown: pg_terminate_backend, a fast shutdown, a failover
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: starting up or in recovery
  '53300', // too_many_connections
]);

const socketCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);

// `pg` and Kysely say these in words only, with no code to match.
const unavailableMessages = [
  /^Connection terminated/, // the socket closed (unexpectedly, or by a connection timeout)
  /is not queryable/, // a query on a client whose connection already failed
  /connection has been discarded/, // Kysely: the rollback on a dead connection failed
  /timeout exceeded when trying to connect/, // the pool could not connect in time
];

/**
 * True when `error` (or its cause) is a lost or refused database connection rather than a fault of
 * the request: the caller may retry. Whether a COMMIT sent just before the loss took effect is
 * unknown, which is why writes that matter carry an idempotency key.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 4; depth++) {
    if (typeof current !== 'object') return false;
    const { code, message, cause } = current as { code?: unknown; message?: unknown; cause?: unknown };
    if (
      typeof code === 'string' &&
      (unavailableStates.has(code) || code.startsWith('08') || socketCodes.has(code))
    )
      return true;
    if (typeof message === 'string' && unavailableMessages.some((pattern) => pattern.test(message)))
      return true;
    current = cause;
  }
  return false;
}
