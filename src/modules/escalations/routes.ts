import type { Deps } from '../../deps.ts';
import type { App } from '../../http/app-type.ts';
import { requireActor, roles } from '../../http/auth.ts';
import { IdempotencyHeaders, replyOnce } from '../../http/idempotency.ts';
import { IdParams, problemResponses } from '../../http/schemas.ts';
import { CreateEscalationBody, Escalation } from './schemas.ts';
import { describeEscalationFor, escalateCase } from './service.ts';

export async function escalationRoutes(app: App, deps: Deps) {
  app.post(
    '/api/escalations',
    {
      schema: {
        tags: ['escalations'],
        headers: IdempotencyHeaders,
        body: CreateEscalationBody,
        response: { 201: Escalation, ...problemResponses },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request, roles.frontline);
      return replyOnce(deps, request, reply, actor, 201, (deps) => escalateCase(deps, actor, request.body));
    },
  );

  app.get(
    '/api/escalations/:id',
    {
      schema: { tags: ['escalations'], params: IdParams, response: { 200: Escalation, ...problemResponses } },
    },
    async (request) => {
      return describeEscalationFor(deps, requireActor(request, roles.everyone), request.params.id);
    },
  );
}
