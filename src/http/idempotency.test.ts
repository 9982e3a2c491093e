import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { sql } from 'kysely';
import { bookCallbackOverApi } from '../../test/callback-fixture.ts';
import { createTestContext } from '../../test/context.ts';
import { addUser, openEscalation } from '../../test/desk.ts';
import { escalationReadyToBook } from '../modules/booking/test-helpers.ts';
import { generalCallBackComment, resolutionReasonId } from '../modules/tasks/test-fixtures.ts';

// Every creating route answers a repeated Idempotency-Key as the first time, through one mechanism.

const ctx = await createTestContext({ now: '2026-11-26T15:00:00Z' });
const jobs = (await ctx.db.selectFrom('jobs').select('number').orderBy('number').execute()).map(
  (j) => j.number,
);
let nextJob = 0;
const freshJob = () => jobs[nextJob++ % jobs.length]!;
const commentId = await generalCallBackComment(ctx);
await addUser(ctx.db, { email: 'admin.two@demo.test', name: 'Second Admin', role: 'admin' });
const resolvedId = await resolutionReasonId(ctx, 'resolved_on_call');

const count = async (query: ReturnType<typeof sql<{ n: number }>>) =>
  Number((await query.execute(ctx.db)).rows[0]!.n);

/** A callback task and the signed-in member of the team it was routed to. */
async function callbackTask() {
  const booked = await bookCallbackOverApi(ctx, { jobNumber: freshJob(), start: '2026-11-26T16:00:00Z' });
  const task = await ctx.db
    .selectFrom('tasks as t')
    .innerJoin('users as u', 'u.id', 't.assignee_id')
    .select('u.email')
    .where('t.id', '=', booked.taskId)
    .executeTakeFirstOrThrow();
  return { taskId: booked.taskId, worker: task.email };
}

const notesOf = (kind: string, field: string, id: string) =>
  count(sql`SELECT count(*) AS n FROM job_notes WHERE kind = ${kind} AND details->>${field} = ${id}`);

/** An escalation of the east agent waiting in the east queue. */
async function waitingTransfer() {
  const escalationId = await openEscalation(ctx, 'agent.east@demo.test', freshJob());
  const transfer = await ctx.as('agent.east@demo.test').post(`/api/escalations/${escalationId}/transfer`, {});
  if (transfer.status !== 201) throw new Error(`transfer failed: ${JSON.stringify(transfer.body)}`);
  return transfer.body.id as string;
}

/** A transfer answered by the east lead, who is first freed from earlier tests' calls. */
async function answeredTransfer() {
  const id = await waitingTransfer();
  await freeLead();
  const answered = await ctx.as('lead.east@demo.test').post(`/api/transfers/${id}/answer`, {});
  if (answered.status !== 200) throw new Error(`answer failed: ${JSON.stringify(answered.body)}`);
  return id;
}

async function freeLead() {
  const lead = await ctx.db
    .selectFrom('users')
    .select('id')
    .where('email', '=', 'lead.east@demo.test')
    .executeTakeFirstOrThrow();
  await ctx.db
    .updateTable('transfer_requests')
    .set({ status: 'completed' })
    .where('answered_by', '=', lead.id)
    .where('status', 'in', ['answered', 'conferenced'])
    .execute();
}

/** Free callback windows at the east desk, one per call, so that bookings never compete. */
let nextWindow = 0;
function freeWindow() {
  const i = nextWindow++;
  const day = 7 + Math.floor(i / 14);
  const minutes = 9 * 60 + (i % 14) * 30;
  const time = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  return `2026-12-${String(day).padStart(2, '0')}T${time}:00-05:00`;
}

async function bookedAppointment() {
  const escalationId = await escalationReadyToBook(ctx, { jobNumber: freshJob() });
  const booked = await ctx.as('agent.east@demo.test').post('/api/sites/east/appointments', {
    escalationId,
    start: freeWindow(),
    customerTimeZone: 'America/New_York',
  });
  if (booked.status !== 201) throw new Error(`booking failed: ${JSON.stringify(booked.body)}`);
  return booked.body.appointment.id as string;
}

/** One creating request, freshly set up: who sends it, what, and how to count what it made. */
type Request = {
  user: string;
  url: string;
  body: Record<string, unknown>;
  /** Another request to the same route (same key, other body). */
  otherBody: Record<string, unknown>;
  records(): Promise<number>;
};

type Route = {
  name: string;
  status: number;
  prepare(): Promise<Request>;
  /** What a second identical request without a key answers today (and how many records exist). */
  withoutKey: { status: number; records: number };
  /**
   * A second user who sends the very same request with the same key: it is theirs to do or to be
   * refused, never the first user's answer replayed.
   */
  otherUser: string;
};

const routes: Route[] = [
  {
    name: 'POST /api/escalations',
    status: 201,
    withoutKey: { status: 201, records: 2 },
    otherUser: 'agent.west@demo.test',
    async prepare() {
      const summary = `Double click ${randomUUID()}`;
      const body = { jobNumber: freshJob(), reasons: ['service_delay'], summary };
      return {
        user: 'agent.east@demo.test',
        url: '/api/escalations',
        body,
        otherBody: { ...body, reasons: ['supervisor_request'] },
        records: () => count(sql`SELECT count(*) AS n FROM escalations WHERE summary = ${summary}`),
      };
    },
  },
  {
    name: 'POST /api/jobs/{number}/notes',
    status: 201,
    withoutKey: { status: 201, records: 2 },
    otherUser: 'supervisor.east@demo.test',
    async prepare() {
      const text = `Customer called again ${randomUUID()}`;
      return {
        user: 'agent.east@demo.test',
        url: `/api/jobs/${freshJob()}/notes`,
        body: { body: text },
        otherBody: { body: `${text}, twice` },
        records: () => count(sql`SELECT count(*) AS n FROM job_notes WHERE body LIKE ${`${text}%`}`),
      };
    },
  },
  {
    name: 'POST /api/jobs/{number}/exceptions',
    status: 201,
    withoutKey: { status: 201, records: 2 },
    otherUser: 'supervisor.east@demo.test',
    async prepare() {
      const escalationId = await openEscalation(ctx, 'agent.east@demo.test', freshJob());
      const escalation = await ctx.db
        .selectFrom('escalations as e')
        .innerJoin('jobs as j', 'j.id', 'e.job_id')
        .select('j.number')
        .where('e.id', '=', escalationId)
        .executeTakeFirstOrThrow();
      return {
        user: 'agent.east@demo.test',
        url: `/api/jobs/${escalation.number}/exceptions`,
        body: { type: 'call_back', commentId, escalationId },
        otherBody: { type: 'call_back', commentId },
        records: () =>
          count(sql`SELECT count(*) AS n FROM exceptions WHERE escalation_id = ${escalationId}::uuid`),
      };
    },
  },
  {
    name: 'POST /api/tasks',
    status: 201,
    withoutKey: { status: 201, records: 2 },
    otherUser: 'tier3@demo.test',
    async prepare() {
      const details = `Check the compressor ${randomUUID()}`;
      const body = { type: 'tier3', jobNumber: freshJob(), details };
      return {
        user: 'tier2@demo.test',
        url: '/api/tasks',
        body,
        otherBody: { ...body, details: `${details} and the fan` },
        records: () =>
          count(sql`SELECT count(*) AS n FROM tasks WHERE details->>'description' LIKE ${`${details}%`}`),
      };
    },
  },
  {
    name: 'POST /api/escalations/{id}/callback-permission',
    status: 201,
    withoutKey: { status: 409, records: 1 },
    otherUser: 'agent.west@demo.test',
    async prepare() {
      const escalationId = await openEscalation(ctx, 'agent.east@demo.test', freshJob());
      return {
        user: 'agent.east@demo.test',
        url: `/api/escalations/${escalationId}/callback-permission`,
        body: {},
        otherBody: { note: 'Nobody on the desk' },
        records: () =>
          count(
            sql`SELECT count(*) AS n FROM callback_permissions WHERE escalation_id = ${escalationId}::uuid`,
          ),
      };
    },
  },
  {
    name: 'POST /api/escalations/{id}/transfer',
    status: 201,
    withoutKey: { status: 409, records: 1 },
    otherUser: 'agent.west@demo.test',
    async prepare() {
      const escalationId = await openEscalation(ctx, 'agent.east@demo.test', freshJob());
      return {
        user: 'agent.east@demo.test',
        url: `/api/escalations/${escalationId}/transfer`,
        body: {},
        otherBody: { siteSlug: 'west' },
        records: () =>
          count(sql`SELECT count(*) AS n FROM transfer_requests WHERE escalation_id = ${escalationId}::uuid`),
      };
    },
  },
  {
    name: 'POST /api/tasks/{id}/attempts',
    status: 201,
    withoutKey: { status: 201, records: 2 },
    otherUser: 'cb.bpo@demo.test',
    async prepare() {
      const { taskId, worker } = await callbackTask();
      return {
        user: worker,
        url: `/api/tasks/${taskId}/attempts`,
        body: { outcome: 'no_answer' },
        otherBody: { outcome: 'voicemail' },
        records: () => count(sql`SELECT count(*) AS n FROM call_attempts WHERE task_id = ${taskId}::uuid`),
      };
    },
  },
  {
    name: 'POST /api/tasks/{id}/complete',
    status: 200,
    withoutKey: { status: 409, records: 1 },
    otherUser: 'cb.bpo@demo.test',
    async prepare() {
      const { taskId, worker } = await callbackTask();
      return {
        user: worker,
        url: `/api/tasks/${taskId}/complete`,
        body: { resolutionReasonId: resolvedId },
        otherBody: { resolutionReasonId: resolvedId, note: 'Reached the customer' },
        records: () =>
          count(
            sql`SELECT count(*) AS n FROM job_notes WHERE kind = 'task.completed' AND details->>'taskId' = ${taskId}`,
          ),
      };
    },
  },
  {
    name: 'POST /api/admin/outages',
    status: 201,
    withoutKey: { status: 201, records: 2 },
    otherUser: 'admin.two@demo.test',
    async prepare() {
      const title = `Phones down ${randomUUID()}`;
      const body = {
        title,
        guidance: 'Take numbers.',
        script: 'We will call you back.',
        siteSlugs: ['east'],
      };
      return {
        user: 'admin@demo.test',
        url: '/api/admin/outages',
        body,
        otherBody: { ...body, siteSlugs: ['west'] },
        records: () => count(sql`SELECT count(*) AS n FROM outages WHERE title = ${title}`),
      };
    },
  },
  {
    name: 'POST /api/transfers/{id}/answer',
    status: 200,
    withoutKey: { status: 409, records: 1 },
    otherUser: 'lead.west@demo.test',
    async prepare() {
      const id = await waitingTransfer();
      await freeLead();
      return {
        user: 'lead.east@demo.test',
        url: `/api/transfers/${id}/answer`,
        body: {},
        otherBody: { note: 'not a field' },
        records: () => notesOf('transfer.answered', 'transferId', id),
      };
    },
  },
  {
    name: 'POST /api/transfers/{id}/conference',
    status: 200,
    withoutKey: { status: 409, records: 1 },
    otherUser: 'agent.west@demo.test',
    async prepare() {
      const id = await answeredTransfer();
      return {
        user: 'agent.east@demo.test',
        url: `/api/transfers/${id}/conference`,
        body: {},
        otherBody: { note: 'not a field' },
        records: () => notesOf('transfer.conferenced', 'transferId', id),
      };
    },
  },
  {
    name: 'POST /api/transfers/{id}/abandon',
    status: 200,
    withoutKey: { status: 409, records: 1 },
    otherUser: 'agent.west@demo.test',
    async prepare() {
      const id = await waitingTransfer();
      return {
        user: 'agent.east@demo.test',
        url: `/api/transfers/${id}/abandon`,
        body: {},
        otherBody: { note: 'not a field' },
        records: () => notesOf('transfer.abandoned', 'transferId', id),
      };
    },
  },
  {
    name: 'POST /api/callback-permissions/{id}/approve',
    status: 200,
    withoutKey: { status: 409, records: 1 },
    otherUser: 'supervisor.west@demo.test',
    async prepare() {
      const escalationId = await openEscalation(ctx, 'agent.east@demo.test', freshJob());
      const asked = await ctx
        .as('agent.east@demo.test')
        .post(`/api/escalations/${escalationId}/callback-permission`, {});
      const supervisor = await ctx.db
        .selectFrom('users')
        .select('email')
        .where('id', '=', asked.body.supervisorId)
        .executeTakeFirstOrThrow();
      return {
        user: supervisor.email,
        url: `/api/callback-permissions/${asked.body.id}/approve`,
        body: {},
        otherBody: { note: 'Go ahead' },
        records: () => notesOf('callback_permission.approved', 'permissionId', asked.body.id),
      };
    },
  },
  {
    name: 'POST /api/appointments/{id}/reschedule',
    status: 200,
    withoutKey: { status: 409, records: 1 },
    otherUser: 'agent.west@demo.test',
    async prepare() {
      const id = await bookedAppointment();
      return {
        user: 'agent.east@demo.test',
        url: `/api/appointments/${id}/reschedule`,
        body: { start: freeWindow() },
        otherBody: { start: freeWindow() },
        records: () => notesOf('callback.rescheduled', 'appointmentId', id),
      };
    },
  },
  {
    name: 'POST /api/appointments/{id}/cancel',
    status: 200,
    withoutKey: { status: 409, records: 1 },
    otherUser: 'agent.west@demo.test',
    async prepare() {
      const id = await bookedAppointment();
      return {
        user: 'agent.east@demo.test',
        url: `/api/appointments/${id}/cancel`,
        body: {},
        otherBody: { note: 'not a field' },
        records: () => notesOf('callback.cancelled', 'appointmentId', id),
      };
    },
  },
  {
    name: 'POST /api/admin/exception-comments',
    status: 201,
    withoutKey: { status: 201, records: 2 },
    otherUser: 'admin.two@demo.test',
    async prepare() {
      const type = await ctx.db
        .selectFrom('exception_types')
        .select('id')
        .where('code', '=', 'call_back')
        .executeTakeFirstOrThrow();
      const text = `Customer asked for a call back ${randomUUID()}`;
      return {
        user: 'admin@demo.test',
        url: '/api/admin/exception-comments',
        body: { exceptionTypeId: type.id, body: text },
        otherBody: { exceptionTypeId: type.id, body: `${text}.` },
        records: () => count(sql`SELECT count(*) AS n FROM exception_comments WHERE body LIKE ${`${text}%`}`),
      };
    },
  },
  {
    name: 'POST /api/admin/routing-rules',
    status: 201,
    withoutKey: { status: 201, records: 2 },
    otherUser: 'admin.two@demo.test',
    async prepare() {
      // A rule for a user of its own, so that it routes nothing the other tests make.
      const userId = await addUser(ctx.db, {
        email: `rule.${randomUUID()}@demo.test`,
        name: 'Routed Person',
        role: 'agent',
      });
      const team = await ctx.db.selectFrom('teams').select('id').executeTakeFirstOrThrow();
      const body = { teamId: team.id, matchUserId: userId, taskType: 'purchasing', position: 1000000 };
      return {
        user: 'admin@demo.test',
        url: '/api/admin/routing-rules',
        body,
        otherBody: { ...body, taskType: 'tier3' },
        records: () =>
          count(sql`SELECT count(*) AS n FROM routing_rules WHERE match_user_id = ${userId}::uuid`),
      };
    },
  },
];

const send = (request: Request, key?: string, user = request.user, body = request.body) =>
  ctx.as(user).post(request.url, body, key ? { 'idempotency-key': key } : {});

for (const route of routes) {
  test(`${route.name}: two identical requests at once with one key do the work once and answer alike`, async () => {
    const request = await route.prepare();
    const key = randomUUID();
    const [a, b] = await Promise.all([send(request, key), send(request, key)]);
    assert.equal(a.status, route.status, JSON.stringify(a.body));
    assert.equal(b.status, route.status, JSON.stringify(b.body));
    assert.deepEqual(a.body, b.body);
    const replayed = [a, b].filter((r) => r.headers['idempotent-replayed'] === 'true');
    assert.equal(replayed.length, 1);
    assert.equal(await request.records(), 1);
  });

  test(`${route.name}: a retry after the answer replays it; the key with another body is 422`, async () => {
    const request = await route.prepare();
    const key = randomUUID();
    const first = await send(request, key);
    assert.equal(first.status, route.status, JSON.stringify(first.body));
    assert.equal(first.headers['idempotent-replayed'], undefined);
    const retry = await send(request, key);
    assert.equal(retry.status, route.status);
    assert.deepEqual(retry.body, first.body);
    assert.equal(retry.headers['idempotent-replayed'], 'true');
    const other = await send(request, key, request.user, request.otherBody);
    assert.equal(other.status, 422);
    assert.match(String(other.headers['content-type']), /application\/problem\+json/);
    assert.equal(other.body.code, 'idempotency_mismatch');
    assert.equal(await request.records(), 1);
  });

  test(`${route.name}: without a key it behaves as before`, async () => {
    const request = await route.prepare();
    assert.equal((await send(request)).status, route.status);
    const second = await send(request);
    assert.equal(second.status, route.withoutKey.status, JSON.stringify(second.body));
    assert.equal(await request.records(), route.withoutKey.records);
  });

  test(`${route.name}: keys are per user: another user's same key is theirs, not a replay`, async () => {
    const request = await route.prepare();
    const key = randomUUID();
    const mine = await send(request, key);
    const theirs = await send(request, key, route.otherUser);
    assert.equal(mine.status, route.status);
    assert.equal(theirs.headers['idempotent-replayed'], undefined);
    assert.notDeepEqual(theirs.body, mine.body);
    const isTheirsDone = theirs.status < 300;
    assert.equal(await request.records(), isTheirsDone ? 2 : 1, JSON.stringify(theirs.body));
  });
}

test('a refused request is not kept: the same key with the same request is refused again, then works when fixed', async () => {
  const key = randomUUID();
  const agent = ctx.as('agent.east@demo.test');
  const summary = `Refused first ${randomUUID()}`;
  const refused = { jobNumber: 'J-NOPE', reasons: ['service_delay'], summary };
  const first = await agent.post('/api/escalations', refused, { 'idempotency-key': key });
  assert.equal(first.status, 404);
  const again = await agent.post('/api/escalations', refused, { 'idempotency-key': key });
  assert.equal(again.status, 404);
  assert.equal(again.headers['idempotent-replayed'], undefined);
  const fixed = await agent.post(
    '/api/escalations',
    { ...refused, jobNumber: freshJob() },
    { 'idempotency-key': key },
  );
  assert.equal(fixed.status, 201, JSON.stringify(fixed.body));
  const replay = await agent.post(
    '/api/escalations',
    { ...refused, jobNumber: fixed.body.jobNumber },
    {
      'idempotency-key': key,
    },
  );
  assert.equal(replay.status, 201);
  assert.equal(replay.body.id, fixed.body.id);
});

test('one key on two routes is two keys', async () => {
  const key = randomUUID();
  const agent = ctx.as('agent.east@demo.test');
  const job = freshJob();
  const note = await agent.post(`/api/jobs/${job}/notes`, { body: 'First' }, { 'idempotency-key': key });
  const escalation = await agent.post(
    '/api/escalations',
    { jobNumber: job, reasons: ['service_delay'], summary: 'Same key, other route' },
    { 'idempotency-key': key },
  );
  assert.equal(note.status, 201);
  assert.equal(escalation.status, 201);
  assert.equal(escalation.headers['idempotent-replayed'], undefined);
});

test('the OpenAPI document tells clients about the Idempotency-Key header', async () => {
  const document = (await ctx.anonymous.get('/api/openapi.json')).body;
  for (const path of [
    '/api/escalations',
    '/api/jobs/{number}/notes',
    '/api/jobs/{number}/exceptions',
    '/api/tasks',
    '/api/escalations/{id}/callback-permission',
    '/api/escalations/{id}/transfer',
    '/api/tasks/{id}/attempts',
    '/api/tasks/{id}/complete',
    '/api/sites/{slug}/appointments',
    '/api/admin/outages',
    '/api/transfers/{id}/answer',
    '/api/transfers/{id}/conference',
    '/api/transfers/{id}/leave',
    '/api/transfers/{id}/abandon',
    '/api/callback-permissions/{id}/approve',
    '/api/callback-permissions/{id}/deny',
    '/api/appointments/{id}/reschedule',
    '/api/appointments/{id}/cancel',
    '/api/admin/reasons',
    '/api/admin/exception-types',
    '/api/admin/resolution-reasons',
    '/api/admin/exception-comments',
    '/api/admin/sites',
    '/api/admin/teams',
    '/api/admin/users',
    '/api/admin/routing-rules',
    '/api/admin/schedules',
    '/api/admin/schedule-exceptions',
  ]) {
    const parameters = document.paths[path].post.parameters as { in: string; name: string }[];
    assert.ok(
      parameters.some((p) => p.in === 'header' && p.name === 'idempotency-key'),
      `${path} documents Idempotency-Key`,
    );
  }
});
