import type { Deps } from '../../deps.ts';
import type { App } from '../../http/app-type.ts';
import { requireActor, roles } from '../../http/auth.ts';
import { IdempotencyHeaders, replyOnce } from '../../http/idempotency.ts';
import { IdParams, problemResponses } from '../../http/schemas.ts';
import { listCallAttempts, logCallAttempt } from './log-attempt.ts';
import { AttemptList, LoggedAttempt, LogAttemptBody } from './schemas.ts';

export async function attemptRoutes(app: App, deps: Deps) {
  app.post(
    '/api/tasks/:id/attempts',
    {
      schema: {
        tags: ['tasks'],
        summary: "Log a call attempt on a callback task (the task's team only); keeps or breaks promises",
        params: IdParams,
        headers: IdempotencyHeaders,
        body: LogAttemptBody,
        response: { 201: LoggedAttempt, ...problemResponses },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request, roles.everyone);
      return replyOnce(deps, request, reply, actor, 201, (deps) =>
        logCallAttempt(deps, actor, request.params.id, request.body),
      );
    },
  );

  app.get(
    '/api/tasks/:id/attempts',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Call attempts on a task, oldest first',
        params: IdParams,
        response: { 200: AttemptList, ...problemResponses },
      },
    },
    async (request) => listCallAttempts(deps, requireActor(request, roles.everyone), request.params.id),
  );
}
