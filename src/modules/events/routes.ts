import type { ServerResponse } from 'node:http';
import { Type } from 'typebox';
import type { Deps } from '../../deps.ts';
import type { App } from '../../http/app-type.ts';
import { requireActor } from '../../http/auth.ts';
import { problemResponses } from '../../http/schemas.ts';
import { invalid } from '../../lib/errors.ts';
import { createEventHub, type EventHub } from './hub.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** This process's live-event fan-out; `src/background.ts` feeds it from LISTEN. */
    eventHub: EventHub;
  }
}

const heartbeatMs = 15_000;
const reconnectAfterCloseMs = 2000;

const EventsQuery = Type.Object(
  {
    lastEventId: Type.Optional(
      Type.String({ pattern: '^[0-9]{1,15}$', description: 'same as Last-Event-ID' }),
    ),
  },
  { additionalProperties: false },
);

function parseLastEventId(
  header: string | string[] | undefined,
  query: string | undefined,
): number | undefined {
  const value = (Array.isArray(header) ? header[0] : header) ?? query;
  if (value === undefined || value === '') return undefined;
  if (!/^[0-9]{1,15}$/.test(value)) throw invalid('Last-Event-ID must be the numeric id of an event');
  return Number(value);
}

/** `GET /api/events`: Server-Sent Events for the signed-in person (see README.md beside this file). */
export async function eventRoutes(app: App, deps: Deps, hub: EventHub = createEventHub(deps.db)) {
  app.decorate('eventHub', hub);
  const open = new Set<ServerResponse>();
  app.addHook('preClose', async () => {
    hub.close();
    // The server is going away (a restart or a deploy): the browser reconnects after this delay,
    // with Last-Event-ID, to whichever process answers then.
    for (const response of open) response.end(`retry: ${reconnectAfterCloseMs}\n: server closing\n\n`);
  });

  app.get(
    '/api/events',
    {
      schema: {
        tags: ['events'],
        querystring: EventsQuery,
        response: {
          200: {
            description: 'the event stream',
            content: { 'text/event-stream': { schema: Type.String() } },
          },
          ...problemResponses,
        },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const lastEventId = parseLastEventId(request.headers['last-event-id'], request.query.lastEventId);
      reply.hijack();
      const response = reply.raw;
      response.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      response.write('retry: 3000\n: connected\n\n');
      open.add(response);
      const listener = { id: actor.id, role: actor.role, siteId: actor.siteId, teamId: actor.teamId };
      let unsubscribe = () => {};
      const write = (frame: string) => {
        if (!response.destroyed && !response.writableEnded) response.write(frame);
      };
      const heartbeat = setInterval(() => write(': heartbeat\n\n'), heartbeatMs);
      let isGone = false;
      response.on('close', () => {
        isGone = true;
        clearInterval(heartbeat);
        open.delete(response);
        unsubscribe();
      });
      try {
        unsubscribe = await hub.subscribe(listener, write, lastEventId);
      } catch (error) {
        // The replay could not be read (the database is unavailable): end the stream so that the
        // client reconnects after `retry` with the same Last-Event-ID and gets the replay then.
        request.log.warn({ err: error }, 'live events: replay failed');
        response.end();
        return;
      }
      if (isGone) unsubscribe();
    },
  );
}
