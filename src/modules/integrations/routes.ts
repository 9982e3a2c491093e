import type { Deps } from '../../deps.ts';
import type { App } from '../../http/app-type.ts';
import { requireActor, roles, runHandlerAsSystem } from '../../http/auth.ts';
import { problemResponses } from '../../http/schemas.ts';
import { listCallEventsForReview, receiveCallEvent } from './call-events.ts';
import { putSourceJob, syncSourceJobs } from './jobs-intake.ts';
import {
  CallEventAnswer,
  CallEventBody,
  ExternalNumberParams,
  IntakeResult,
  JobsBatchAnswer,
  JobsBatchBody,
  PutJobBody,
  UnmatchedCallEvents,
} from './schemas.ts';

// The job system and the phone platform act for the whole organisation, not for one person's reach:
// once the role is checked, their writes and lookups run as the owner (row security's second wall
// would otherwise hide every job, transfer and task from an `integration` token).
const asOrganisation = { preHandler: runHandlerAsSystem };

export async function integrationRoutes(app: App, deps: Deps) {
  app.put(
    '/api/integrations/jobs/:externalNumber',
    {
      ...asOrganisation,
      schema: {
        tags: ['integrations'],
        summary:
          'Create or update a job and its customer from the job system (same body twice: 200, no write)',
        params: ExternalNumberParams,
        body: PutJobBody,
        response: { 200: IntakeResult, 201: IntakeResult, ...problemResponses },
      },
    },
    async (request, reply) => {
      requireActor(request, roles.integrations);
      const outcome = await putSourceJob(deps, request.params.externalNumber, request.body);
      return reply.status(outcome.result === 'created' ? 201 : 200).send(outcome);
    },
  );

  app.post(
    // `::` is a literal colon in a Fastify path: the route is /api/integrations/jobs:batch.
    '/api/integrations/jobs::batch',
    {
      ...asOrganisation,
      bodyLimit: 16 * 1024 * 1024,
      schema: {
        tags: ['integrations'],
        summary: 'Up to 1,000 jobs in one transaction, answered item by item; a bad item writes nothing',
        body: JobsBatchBody,
        response: { 200: JobsBatchAnswer, ...problemResponses },
      },
    },
    async (request) => {
      requireActor(request, roles.integrations);
      return syncSourceJobs(deps, request.body.items);
    },
  );

  app.post(
    '/api/integrations/calls',
    {
      ...asOrganisation,
      schema: {
        tags: ['integrations'],
        summary: 'A call event from the phone platform; the same (callId, event) is applied once',
        body: CallEventBody,
        response: { 200: CallEventAnswer, ...problemResponses },
      },
    },
    async (request) => {
      requireActor(request, roles.integrations);
      return receiveCallEvent(deps, request.body);
    },
  );

  app.get(
    '/api/integrations/calls/unmatched',
    {
      ...asOrganisation,
      schema: {
        tags: ['integrations'],
        summary: 'Call events that matched nothing or were refused, kept for review (admins)',
        response: { 200: UnmatchedCallEvents, ...problemResponses },
      },
    },
    async (request) => {
      requireActor(request, ['admin']);
      return listCallEventsForReview(deps);
    },
  );
}
