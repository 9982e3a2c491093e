import { Type } from 'typebox';
import type { Deps } from '../../deps.ts';
import type { App } from '../../http/app-type.ts';
import { runHandlerAsSystem } from '../../http/auth.ts';
import { problemResponses } from '../../http/schemas.ts';
import { renderDeskFeed } from './service.ts';

export async function calendarRoutes(app: App, deps: Deps) {
  app.get(
    '/api/sites/:slug/calendar.ics',
    {
      schema: {
        tags: ['calendar'],
        description: "The desk's subscribable iCalendar feed; the token is the secret shown to admins.",
        security: [],
        params: Type.Object({ slug: Type.String({ maxLength: 60 }) }),
        querystring: Type.Object({ token: Type.String({ maxLength: 200, default: '' }) }),
        response: {
          200: { description: 'the iCalendar feed', content: { 'text/calendar': { schema: Type.String() } } },
          ...problemResponses,
        },
      },
      // The token authorises the whole desk's calendar, not the reach of whoever is signed in.
      preHandler: runHandlerAsSystem,
    },
    async (request, reply) => {
      const body = await renderDeskFeed(deps, request.params.slug, request.query.token);
      return reply
        .type('text/calendar; charset=utf-8')
        .header('content-disposition', `inline; filename="${request.params.slug}-desk.ics"`)
        .header('cache-control', 'private, max-age=60')
        .send(body);
    },
  );
}
