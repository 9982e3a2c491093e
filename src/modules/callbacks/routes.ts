import { randomUUID } from 'node:crypto';
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
import {
  describeRefusal,
  managePagePolicy,
  readingOf,
  renderManagePage,
  renderRefusalPage,
} from './manage-page.ts';
import { rebookFromLink } from './rebook-from-link.ts';
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

  const query = Type.Object({
    done: Type.Optional(Type.String({ maxLength: 20 })),
    date: Type.Optional(Type.String({ maxLength: 10 })),
    step: Type.Optional(Type.String({ maxLength: 20 })),
  });
  app.get('/manage/:token', { config, schema: { ...hidden, querystring: query } }, async (request, reply) => {
    const { token } = request.params;
    const { done, date, step } = request.query;
    return pageOrRefusal(reply, async () =>
      renderManagePage(await describeManagedAppointment(deps, token), token, {
        reading: readingOf(request.headers['accept-language']),
        done,
        date,
        isConfirmingCancel: step === 'cancel',
        submission: randomUUID(),
      }),
    );
  });

  const chosen = Type.Object({
    start: Type.Optional(Type.String({ maxLength: 40 })),
    submission: Type.Optional(Type.String({ maxLength: 64 })),
    confirm: Type.Optional(Type.String({ maxLength: 10 })),
  });
  /** Runs a change from the page: a redirect to `to` when done, the page with the refusal in words when refused. */
  const changeFromPage = async (
    request: { params: { token: string }; headers: { 'accept-language'?: string }; body: { start?: string } },
    reply: FastifyReply,
    change: () => Promise<string>,
  ) => {
    const { token } = request.params;
    let to: string;
    try {
      to = await change();
    } catch (error) {
      if (!(error instanceof AppError) || error.code === 'forbidden' || error.code === 'not_found')
        throw error;
      const view = await describeManagedAppointment(deps, token);
      const status = ['window_full', 'invalid_transition', 'conflict'].includes(error.code) ? 409 : 422;
      // The start carries the customer's offset: its date is the day they chose in step 1.
      const date = /^\d{4}-\d{2}-\d{2}T/.test(request.body.start ?? '')
        ? request.body.start!.slice(0, 10)
        : undefined;
      return reply
        .status(status)
        .type('text/html; charset=utf-8')
        .send(
          renderManagePage(view, token, {
            reading: readingOf(request.headers['accept-language']),
            date,
            problem: describeRefusal(error.code, error.details),
            submission: randomUUID(),
          }),
        );
    }
    return reply.redirect(to, 303);
  };
  const pageOf = (token: string, done: string) => `/manage/${encodeURIComponent(token)}?done=${done}`;

  app.post(
    '/manage/:token/reschedule',
    { config, schema: { ...hidden, body: chosen } },
    async (request, reply) =>
      changeFromPage(request, reply, async () => {
        await rescheduleByToken(deps, request.params.token, request.body.start ?? '');
        return pageOf(request.params.token, 'rescheduled');
      }),
  );

  // The first tap only asks (the page with "Yes, cancel"); the confirmed form cancels.
  app.post(
    '/manage/:token/cancel',
    { config, schema: { ...hidden, body: chosen } },
    async (request, reply) => {
      const { token } = request.params;
      if (request.body.confirm !== 'yes') {
        return pageOrRefusal(reply, async () =>
          renderManagePage(await describeManagedAppointment(deps, token), token, {
            reading: readingOf(request.headers['accept-language']),
            isConfirmingCancel: true,
          }),
        );
      }
      return changeFromPage(request, reply, async () => {
        await cancelByToken(deps, token);
        return pageOf(token, 'cancelled');
      });
    },
  );

  app.post('/manage/:token/rebook', { config, schema: { ...hidden, body: chosen } }, async (request, reply) =>
    changeFromPage(request, reply, async () => {
      const { start, submission } = request.body;
      const rebooked = await rebookFromLink(deps, request.params.token, start ?? '', submission);
      return `${rebooked.managePath}?done=rebooked`;
    }),
  );

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
        summary:
          'Complete a task with a resolution of its type (Tier 2 records: a Tier 2 resolution type; purchasing: also the answer); closes its exception',
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
