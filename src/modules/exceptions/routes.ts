import type { Deps } from '../../deps.ts';
import type { App } from '../../http/app-type.ts';
import { requireActor, roles } from '../../http/auth.ts';
import { IdempotencyHeaders, replyOnce } from '../../http/idempotency.ts';
import { problemResponses } from '../../http/schemas.ts';
import { Job, JobNumberParams } from '../jobs/schemas.ts';
import { describeJobWithExceptions } from './job-detail.ts';
import { OpenedException, OpenExceptionBody } from './schemas.ts';
import { raiseException } from './service.ts';

export async function exceptionRoutes(app: App, deps: Deps) {
  app.get(
    '/api/jobs/:number',
    { schema: { tags: ['jobs'], params: JobNumberParams, response: { 200: Job, ...problemResponses } } },
    async (request) =>
      describeJobWithExceptions(deps, requireActor(request, roles.everyone), request.params.number),
  );

  app.post(
    '/api/jobs/:number/exceptions',
    {
      schema: {
        tags: ['exceptions'],
        summary: 'Open an exception on a job; a Call Back exception creates its routed callback task',
        params: JobNumberParams,
        headers: IdempotencyHeaders,
        body: OpenExceptionBody,
        response: { 201: OpenedException, ...problemResponses },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request, roles.frontline);
      return replyOnce(deps, request, reply, actor, 201, (deps) =>
        raiseException(deps, actor, request.params.number, request.body),
      );
    },
  );
}
