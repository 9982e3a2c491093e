import type { Deps } from '../../deps.ts';
import type { App } from '../../http/app-type.ts';
import { requireActor } from '../../http/auth.ts';
import { IdempotencyHeaders, replyOnce } from '../../http/idempotency.ts';
import { IdParams, Ok, problemResponses } from '../../http/schemas.ts';
import {
  AddScheduleBody,
  AddScheduleExceptionBody,
  ChangeScheduleBody,
  Schedule,
  ScheduleException,
  SchedulesQuery,
  SiteSchedules,
} from './schemas.ts';
import {
  addSchedule,
  addScheduleException,
  changeSchedule,
  describeSchedules,
  removeSchedule,
  removeScheduleException,
} from './service.ts';

const tags = ['schedules'];
const admin = ['admin'] as const;

export async function scheduleRoutes(app: App, deps: Deps) {
  app.get(
    '/api/admin/schedules',
    { schema: { tags, querystring: SchedulesQuery, response: { 200: SiteSchedules, ...problemResponses } } },
    async (request) => {
      requireActor(request, admin);
      return describeSchedules(deps, request.query.site);
    },
  );

  app.post(
    '/api/admin/schedules',
    {
      schema: {
        tags,
        headers: IdempotencyHeaders,
        body: AddScheduleBody,
        response: { 201: Schedule, ...problemResponses },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request, admin);
      return replyOnce(deps, request, reply, actor, 201, (deps) => addSchedule(deps, request.body));
    },
  );

  app.patch(
    '/api/admin/schedules/:id',
    {
      schema: {
        tags,
        params: IdParams,
        body: ChangeScheduleBody,
        response: { 200: Schedule, ...problemResponses },
      },
    },
    async (request) => {
      requireActor(request, admin);
      return changeSchedule(deps, request.params.id, request.body);
    },
  );

  app.delete(
    '/api/admin/schedules/:id',
    { schema: { tags, params: IdParams, response: { 200: Ok, ...problemResponses } } },
    async (request) => {
      requireActor(request, admin);
      await removeSchedule(deps, request.params.id);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/admin/schedule-exceptions',
    {
      schema: {
        tags,
        headers: IdempotencyHeaders,
        body: AddScheduleExceptionBody,
        response: { 201: ScheduleException, ...problemResponses },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request, admin);
      return replyOnce(deps, request, reply, actor, 201, (deps) => addScheduleException(deps, request.body));
    },
  );

  app.delete(
    '/api/admin/schedule-exceptions/:id',
    { schema: { tags, params: IdParams, response: { 200: Ok, ...problemResponses } } },
    async (request) => {
      requireActor(request, admin);
      await removeScheduleException(deps, request.params.id);
      return { ok: true as const };
    },
  );
}
