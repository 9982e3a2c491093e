import type { FastifyRequest, FastifyServerOptions } from 'fastify';
import { chooseRequestId } from './request-id.ts';

/** Where request logs go: `level` from LOG_LEVEL; `stream` lets a test read the lines. */
export type LogOptions = { level: string; stream?: { write(line: string): void } };

// Query values that are neither secret nor personal; every other value is replaced, because
// `?token=` (calendar feeds) and `?q=` (a customer's name or phone number) must not reach the logs.
const harmlessQueryKeys = new Set([
  'from',
  'to',
  'days',
  'tz',
  'date',
  'status',
  'type',
  'site',
  'teamId',
  'assignee',
  'cursor',
  'limit',
  'lastEventId',
]);

const censor = '[redacted]';

/**
 * The URL as it may be logged: the customer's manage token (`/manage/:token`,
 * `/api/manage/:token/...`) and query values outside a short harmless list are replaced.
 */
export function redactUrl(url: string): string {
  const [path = '', query] = url.split(/\?(.*)/s, 2);
  const safePath = path.replace(/^(\/(?:api\/)?manage\/)[^/]+/, `$1${censor}`);
  if (query === undefined) return safePath;
  const params = new URLSearchParams(query);
  const parts: string[] = [];
  for (const [key, value] of params) {
    parts.push(
      `${encodeURIComponent(key)}=${harmlessQueryKeys.has(key) ? encodeURIComponent(value) : censor}`,
    );
  }
  return `${safePath}?${parts.join('&')}`;
}

/**
 * Fastify options for structured request logs (pino JSON, one line per request start and end, each
 * with `reqId`). Without `log`, errors only, on standard output: a 500 always leaves a trace.
 */
export function loggingOptions(given: LogOptions | undefined): Partial<FastifyServerOptions> {
  const log = given ?? { level: 'error' };
  return {
    genReqId: chooseRequestId,
    requestIdHeader: false as const,
    logger: {
      level: log.level,
      ...(log.stream ? { stream: log.stream } : {}),
      // Headers are never serialised below; these paths catch objects someone logs by hand.
      redact: {
        paths: [
          'req.headers.cookie',
          'req.headers.authorization',
          'res.headers["set-cookie"]',
          'password',
          '*.password',
          'token',
          '*.token',
          'email',
          '*.email',
          'phone',
          '*.phone',
          'body',
          '*.body',
          'err.detail',
        ],
        censor,
      },
      serializers: {
        req(request: FastifyRequest) {
          return {
            method: request.method,
            url: redactUrl(request.url),
            route: request.routeOptions?.url,
            remoteAddress: request.ip,
          };
        },
        res(reply: { statusCode: number }) {
          return { statusCode: reply.statusCode };
        },
      },
    },
  };
}
