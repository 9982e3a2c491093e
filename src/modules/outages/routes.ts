import type { Deps } from '../../deps.ts';
import type { App } from '../../http/app-type.ts';
import { requireActor, roles } from '../../http/auth.ts';
import { IdempotencyHeaders, replyOnce } from '../../http/idempotency.ts';
import { IdParams, problemResponses } from '../../http/schemas.ts';
import { DeclareOutageBody, EditOutageBody, Outage, Outages } from './schemas.ts';
import { declareOutage, editOutage, endOutage, listActiveOutages, listRecentOutages } from './service.ts';

export async function outageRoutes(app: App, deps: Deps) {
  const tags = ['outages'];

  app.get(
    '/api/outages/active',
    { schema: { tags, response: { 200: Outages, ...problemResponses } } },
    async (request) => ({ items: await listActiveOutages(deps, requireActor(request, roles.everyone)) }),
  );

  app.get(
    '/api/admin/outages',
    { schema: { tags, response: { 200: Outages, ...problemResponses } } },
    async (request) => {
      requireActor(request, ['admin']);
      return { items: await listRecentOutages(deps) };
    },
  );

  app.post(
    '/api/admin/outages',
    {
      schema: {
        tags,
        headers: IdempotencyHeaders,
        body: DeclareOutageBody,
        response: { 201: Outage, ...problemResponses },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request, ['admin']);
      return replyOnce(deps, request, reply, actor, 201, (deps) => declareOutage(deps, actor, request.body));
    },
  );

  app.patch(
    '/api/admin/outages/:id',
    {
      schema: {
        tags,
        params: IdParams,
        body: EditOutageBody,
        response: { 200: Outage, ...problemResponses },
      },
    },
    async (request) => {
      requireActor(request, ['admin']);
      return editOutage(deps, request.params.id, request.body);
    },
  );
  app.post(
    '/api/admin/outages/:id/end',
    { schema: { tags, params: IdParams, response: { 200: Outage, ...problemResponses } } },
    async (request) => endOutage(deps, requireActor(request, ['admin']), request.params.id),
  );
}
