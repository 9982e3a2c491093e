import type { Deps } from '../../deps.ts';
import type { App } from '../../http/app-type.ts';
import { requireActor, roles } from '../../http/auth.ts';
import { IdempotencyHeaders, replyOnce } from '../../http/idempotency.ts';
import { IdParams, problemResponses } from '../../http/schemas.ts';
import { SiteSlugParams } from '../presence/schemas.ts';
import { answerTransfer } from './answer.ts';
import { enqueueTransfer } from './enqueue.ts';
import {
  ActiveCall,
  EnqueuedTransfer,
  EnqueueTransferBody,
  Queue,
  Transfer,
  TransferList,
} from './schemas.ts';
import { abandonTransfer, conferenceTransfer, leaveTransfer } from './steps.ts';
import { describeQueue, findMyActiveCall, listEscalationTransfers, showTransfer } from './views.ts';

export async function transferRoutes(app: App, deps: Deps) {
  app.post(
    '/api/escalations/:id/transfer',
    {
      schema: {
        tags: ['desk'],
        params: IdParams,
        headers: IdempotencyHeaders,
        body: EnqueueTransferBody,
        response: { 201: EnqueuedTransfer, ...problemResponses },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request, roles.frontline);
      return replyOnce(deps, request, reply, actor, 201, (deps) =>
        enqueueTransfer(deps, actor, request.params.id, request.body ?? {}),
      );
    },
  );

  app.get(
    '/api/escalations/:id/transfers',
    { schema: { tags: ['desk'], params: IdParams, response: { 200: TransferList, ...problemResponses } } },
    async (request) => listEscalationTransfers(deps, requireActor(request), request.params.id),
  );

  app.get(
    '/api/me/active-call',
    { schema: { tags: ['desk'], response: { 200: ActiveCall, ...problemResponses } } },
    async (request) => findMyActiveCall(deps, requireActor(request)),
  );

  app.get(
    '/api/desk/:siteSlug/queue',
    { schema: { tags: ['desk'], params: SiteSlugParams, response: { 200: Queue, ...problemResponses } } },
    async (request) => describeQueue(deps, requireActor(request), request.params.siteSlug),
  );

  app.get(
    '/api/transfers/:id',
    { schema: { tags: ['desk'], params: IdParams, response: { 200: Transfer, ...problemResponses } } },
    async (request) => showTransfer(deps, requireActor(request), request.params.id),
  );

  app.post(
    '/api/transfers/:id/answer',
    {
      schema: {
        tags: ['desk'],
        params: IdParams,
        headers: IdempotencyHeaders,
        response: { 200: Transfer, ...problemResponses },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request, roles.desk);
      return replyOnce(deps, request, reply, actor, 200, (deps) =>
        answerTransfer(deps, actor, request.params.id),
      );
    },
  );

  const steps = { conference: conferenceTransfer, leave: leaveTransfer, abandon: abandonTransfer };
  for (const [step, run] of Object.entries(steps)) {
    app.post(
      `/api/transfers/:id/${step}`,
      {
        schema: {
          tags: ['desk'],
          params: IdParams,
          headers: IdempotencyHeaders,
          response: { 200: Transfer, ...problemResponses },
        },
      },
      async (request, reply) => {
        const actor = requireActor(request);
        return replyOnce(deps, request, reply, actor, 200, (deps) => run(deps, actor, request.params.id));
      },
    );
  }
}
