import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { RouteOptions } from 'fastify';
import { ProblemResponse } from './schemas.ts';

const methodsWithBody = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * An `onRoute` hook: documents, for every route in the OpenAPI document, the errors the framework
 * and the edge answer whatever the route does, so no route can forget them: 400 (malformed JSON,
 * control characters, schema validation), 413 and 415 (bodies), 414 (an over-long path parameter),
 * 429 (rate limits) and 500. Routes declare their own errors with `problemResponses`.
 */
export function documentFrameworkErrors(route: RouteOptions) {
  const schema = route.schema as (Record<string, unknown> & { hide?: boolean }) | undefined;
  if (!schema || schema.hide) return;
  const methods = [route.method].flat();
  const statuses = [400, 429, 500];
  if (methods.some((m) => methodsWithBody.has(m))) statuses.push(413, 415);
  if (route.url.includes(':')) statuses.push(414);
  const response = { ...((schema.response as Record<string, unknown> | undefined) ?? {}) };
  for (const status of statuses) response[status] ??= ProblemResponse;
  schema.response = response;
}

const clientErrors: Record<string, { status: number; code: string; detail: string }> = {
  ERR_HTTP_REQUEST_TIMEOUT: {
    status: 408,
    code: 'request_timeout',
    detail: 'the request took too long to arrive',
  },
  HPE_HEADER_OVERFLOW: {
    status: 431,
    code: 'headers_too_large',
    detail: 'the request line and headers exceed 16 KB (an over-long URL or cookie)',
  },
};

/**
 * Fastify's `clientErrorHandler`: a request Node's parser refuses (an over-long URL or header,
 * malformed HTTP, a timeout) never reaches a route, so this writes its problem document itself.
 */
export function answerClientError(error: Error & { code?: string }, socket: Socket) {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const known = clientErrors[error.code ?? ''] ?? {
    status: 400,
    code: 'validation_failed',
    detail: 'the request is not well-formed HTTP',
  };
  const title = STATUS_CODES[known.status] ?? 'Error';
  const body = JSON.stringify({ type: `about:blank#${known.code}`, title, ...known });
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${known.status} ${title}\r\nContent-Type: application/problem+json\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}
