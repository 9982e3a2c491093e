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
