import rateLimit from '@fastify/rate-limit';
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import type { Deps } from '../../deps.ts';
import type { App } from '../../http/app-type.ts';
import { requireActor, roles, runHandlerAsSystem } from '../../http/auth.ts';
import { IdempotencyHeaders, onceOf, replyOnce, sendAnswer } from '../../http/idempotency.ts';
import { IdParams, problemResponses } from '../../http/schemas.ts';
import { AppError } from '../../lib/errors.ts';
import { AttemptList, LoggedAttempt, LogAttemptBody } from '../attempts/schemas.ts';
import { CompleteTaskBody, Task, TaskDetail } from '../tasks/schemas.ts';
import { listCallAttempts, logCallAttempt } from './attempt.ts';
import { completeTask } from './complete.ts';
import { managePagePolicy, renderManagePage, renderRefusalPage } from './manage-page.ts';
import { describeTask } from './task-detail.ts';
import { bookCallback } from './book.ts';
import { cancelAppointment } from './cancel.ts';
import { cancelByToken, describeManagedAppointment, rescheduleByToken } from './manage.ts';
import { rescheduleAppointment } from './reschedule.ts';
import {
  Appointment,
  BookCallbackBody,
  BookedCallback,
  RescheduleBody,
  SiteParams,
  TokenParams,
  windowProblemResponses,
} from '../booking/schemas.ts';

const tags = ['booking'];
const changers = [...roles.frontline, 'callback_agent'] as const;
/** Customer self-service is public: at most this many requests per minute per address. */
export const manageRateLimit = { max: 30, timeWindow: 60_000 };

/** Booking, moving and cancelling a callback, by staff and by the customer's link (tagged booking). */
export async function callbackRoutes(app: App, deps: Deps) {
  app.post(
    '/api/sites/:slug/appointments',
    {
      schema: {
        tags,
        params: SiteParams,
        headers: IdempotencyHeaders,
        body: BookCallbackBody,
        response: { 201: BookedCallback, ...windowProblemResponses },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request, roles.frontline);
      const once = onceOf(request, actor, deps.clock.now());
      return sendAnswer(reply, await bookCallback(deps, actor, request.params.slug, request.body, once));
    },
  );

  app.post(
    '/api/appointments/:id/reschedule',
    {
      schema: {
        tags,
        params: IdParams,
        headers: IdempotencyHeaders,
        body: RescheduleBody,
        response: { 200: Appointment, ...windowProblemResponses },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request, changers);
      return replyOnce(deps, request, reply, actor, 200, (deps) =>
        rescheduleAppointment(deps, { actor }, request.params.id, request.body.start),
      );
    },
  );

  app.post(
    '/api/appointments/:id/cancel',
    {
      schema: {
        tags,
        params: IdParams,
        headers: IdempotencyHeaders,
        response: { 200: Appointment, ...problemResponses },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request, changers);
      return replyOnce(deps, request, reply, actor, 200, (deps) =>
        cancelAppointment(deps, { actor }, request.params.id),
      );
    },
  );

  await app.register(async (scope: App) => manageRoutes(scope, deps));
}

/** The customer's link: a page with plain forms and the same actions as JSON, rate-limited. */
async function manageRoutes(app: App, deps: Deps) {
  await app.register(rateLimit, { global: false });
  // The pages carry an inline style block the app-wide policy does not allow; this one names it.
  app.addHook('onRequest', async (_request, reply) => {
    reply.header('content-security-policy', managePagePolicy);
  });
  // The signed link authorises its one appointment: checked by its signature, read as the owner.
  app.addHook('preHandler', runHandlerAsSystem);
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string' },
    (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(String(body)))),
  );
  const config = { rateLimit: manageRateLimit };
  const hidden = { hide: true, params: TokenParams };

  app.get('/manage/:token', { config, schema: hidden }, async (request, reply) => {
    const { token } = request.params;
    const done = (request.query as { done?: string }).done;
    return pageOrRefusal(reply, async () =>
      renderManagePage(await describeManagedAppointment(deps, token), token, done),
    );
  });

  for (const action of ['reschedule', 'cancel'] as const) {
    app.post(
      `/manage/:token/${action}`,
      {
        config,
        schema: { ...hidden, body: Type.Object({ start: Type.Optional(Type.String({ maxLength: 40 })) }) },
      },
      async (request, reply) => {
        const { token } = request.params;
        try {
          if (action === 'reschedule') await rescheduleByToken(deps, token, request.body.start ?? '');
          else await cancelByToken(deps, token);
        } catch (error) {
          if (!(error instanceof AppError) || error.code === 'forbidden' || error.code === 'not_found')
            throw error;
          const view = await describeManagedAppointment(deps, token);
          const status = error.code === 'window_full' || error.code === 'invalid_transition' ? 409 : 400;
          return reply
            .status(status)
            .type('text/html; charset=utf-8')
            .send(renderManagePage(view, token, undefined, error.message));
        }
        const done = action === 'reschedule' ? 'rescheduled' : 'cancelled';
        return reply.redirect(`/manage/${encodeURIComponent(token)}?done=${done}`, 303);
      },
    );
  }

  app.post(
    '/api/manage/:token/reschedule',
    {
      config,
      schema: {
        tags,
        params: TokenParams,
        security: [],
        body: RescheduleBody,
        response: { 200: Appointment, ...windowProblemResponses },
      },
    },
    async (request) => rescheduleByToken(deps, request.params.token, request.body.start),
  );

  app.post(
    '/api/manage/:token/cancel',
    {
      config,
      schema: {
        tags,
        params: TokenParams,
        security: [],
        response: { 200: Appointment, ...problemResponses },
      },
    },
    async (request) => cancelByToken(deps, request.params.token),
  );

  // The form routes answer refusals as pages too.
  app.setErrorHandler((error, request, reply) => {
    if (request.url.startsWith('/manage/') && error instanceof AppError) {
      return refuse(reply, error);
    }
    throw error;
  });
}

async function pageOrRefusal(reply: FastifyReply, render: () => Promise<string>) {
  try {
    return reply.type('text/html; charset=utf-8').send(await render());
  } catch (error) {
    if (error instanceof AppError) return refuse(reply, error);
    throw error;
  }
}

function refuse(reply: FastifyReply, error: AppError) {
  const isExpired = error.details?.reason === 'expired';
  const reason = error.code === 'not_found' ? 'missing' : isExpired ? 'expired' : 'invalid';
  const status = reason === 'missing' ? 404 : isExpired ? 410 : 403;
  return reply
    .status(status)
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(renderRefusalPage(reason));
}

/** A task's detail, completion and call attempts: the callback's life as its team works it (tagged tasks). */
export async function callbackTaskRoutes(app: App, deps: Deps) {
  app.get(
    '/api/tasks/:id',
    { schema: { tags: ['tasks'], params: IdParams, response: { 200: TaskDetail, ...problemResponses } } },
    async (request) => describeTask(deps, requireActor(request, roles.everyone), request.params.id),
  );

  app.post(
    '/api/tasks/:id/complete',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Complete a task with a resolution reason; closes its exception',
        params: IdParams,
        headers: IdempotencyHeaders,
        body: CompleteTaskBody,
        response: { 200: Task, ...problemResponses },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request, roles.everyone);
      return replyOnce(deps, request, reply, actor, 200, (deps) =>
        completeTask(deps, actor, request.params.id, request.body),
      );
    },
  );

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
