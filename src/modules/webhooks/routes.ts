import type { Deps } from '../../deps.ts';
import type { App } from '../../http/app-type.ts';
import { requireActor } from '../../http/auth.ts';
import { IdParams, Ok, problemResponses } from '../../http/schemas.ts';
import {
  CreatedWebhook,
  CreateWebhookBody,
  DeliveriesQuery,
  DeliveryParams,
  UpdateWebhookBody,
  Webhook,
  WebhookDeliveries,
  WebhookDelivery,
  Webhooks,
} from './schemas.ts';
import * as service from './service.ts';

export async function webhookRoutes(app: App, deps: Deps) {
  const tags = ['webhooks'];
  const admin = ['admin'] as const;

  app.get(
    '/api/admin/webhooks',
    { schema: { tags, response: { 200: Webhooks, ...problemResponses } } },
    async (request) => ({
      items: await service.listEndpoints(deps, requireActor(request, admin)),
    }),
  );

  app.post(
    '/api/admin/webhooks',
    { schema: { tags, body: CreateWebhookBody, response: { 201: CreatedWebhook, ...problemResponses } } },
    async (request, reply) =>
      reply.status(201).send(await service.createEndpoint(deps, requireActor(request, admin), request.body)),
  );

  app.get(
    '/api/admin/webhooks/:id',
    { schema: { tags, params: IdParams, response: { 200: Webhook, ...problemResponses } } },
    async (request) => service.getEndpoint(deps, requireActor(request, admin), request.params.id),
  );

  app.patch(
    '/api/admin/webhooks/:id',
    {
      schema: {
        tags,
        params: IdParams,
        body: UpdateWebhookBody,
        response: { 200: Webhook, ...problemResponses },
      },
    },
    async (request) =>
      service.updateEndpoint(deps, requireActor(request, admin), request.params.id, request.body),
  );

  app.delete(
    '/api/admin/webhooks/:id',
    { schema: { tags, params: IdParams, response: { 200: Ok, ...problemResponses } } },
    async (request) => {
      await service.deleteEndpoint(deps, requireActor(request, admin), request.params.id);
      return { ok: true as const };
    },
  );

  app.get(
    '/api/admin/webhooks/:id/deliveries',
    {
      schema: {
        tags,
        params: IdParams,
        querystring: DeliveriesQuery,
        response: { 200: WebhookDeliveries, ...problemResponses },
      },
    },
    async (request) =>
      service.listDeliveries(deps, requireActor(request, admin), request.params.id, request.query),
  );

  app.post(
    '/api/admin/webhooks/:id/deliveries/:deliveryId/replay',
    { schema: { tags, params: DeliveryParams, response: { 202: WebhookDelivery, ...problemResponses } } },
    async (request, reply) =>
      reply
        .status(202)
        .send(
          await service.replayDelivery(
            deps,
            requireActor(request, admin),
            request.params.id,
            request.params.deliveryId,
          ),
        ),
  );
}
