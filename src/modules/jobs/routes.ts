import { Type } from 'typebox';
import type { Deps } from '../../deps.ts';
import type { App } from '../../http/app-type.ts';
import { requireActor, roles } from '../../http/auth.ts';
import { IdempotencyHeaders, replyOnce } from '../../http/idempotency.ts';
import { problemResponses } from '../../http/schemas.ts';
import { AddNoteBody, JobNote, JobNumberParams, JobSearchQuery, JobSummary } from './schemas.ts';
import { findJobs, noteJob } from './service.ts';

/** Job search and notes; the job's detail (with its exceptions) is in exceptions/routes.ts. */
export async function jobRoutes(app: App, deps: Deps) {
  app.get(
    '/api/jobs',
    {
      schema: {
        tags: ['jobs'],
        querystring: JobSearchQuery,
        response: { 200: Type.Object({ items: Type.Array(JobSummary) }), ...problemResponses },
      },
    },
    async (request) => {
      const actor = requireActor(request, roles.everyone);
      return { items: await findJobs(deps, actor, request.query.q) };
    },
  );

  app.post(
    '/api/jobs/:number/notes',
    {
      schema: {
        tags: ['jobs'],
        params: JobNumberParams,
        headers: IdempotencyHeaders,
        body: AddNoteBody,
        response: { 201: JobNote, ...problemResponses },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request, roles.everyone);
      return replyOnce(deps, request, reply, actor, 201, (deps) =>
        noteJob(deps, actor, request.params.number, request.body.body),
      );
    },
  );
}
