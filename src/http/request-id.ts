import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance } from 'fastify';

/** The header that names a request, in both directions. */
export const requestIdHeader = 'x-request-id';

// A proxy in front may name the request already; anything else a client sends is not trusted
// into our logs.
const acceptableId = /^[A-Za-z0-9._:-]{8,100}$/;

/** Fastify's `genReqId`: the proxy's id when it looks like one, else a fresh UUID. */
export function chooseRequestId(request: IncomingMessage): string {
  const given = request.headers[requestIdHeader];
  return typeof given === 'string' && acceptableId.test(given) ? given : randomUUID();
}

/** Every answer names its request, so a person reporting an error can quote what the log holds. */
export function registerRequestIdHeader(app: FastifyInstance) {
  app.addHook('onRequest', async (request, reply) => {
    reply.header(requestIdHeader, request.id);
  });
}
