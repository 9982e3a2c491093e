import assert from 'node:assert/strict';
import { test } from 'node:test';
import { timerHandlers } from '../../jobs/handlers.ts';
import { runDueTimers } from '../../jobs/runner.ts';
import { scheduleCallbackClock } from '../promises/schedule.ts';
import { bookCallbackOverApi } from '../../../test/callback-fixture.ts';
import { createTestContext } from '../../../test/context.ts';

const ctx = await createTestContext({ now: '2026-11-26T15:00:00Z' });
const admin = ctx.as('admin@demo.test');
const jobs = (await ctx.db.selectFrom('jobs').select('number').orderBy('number').execute()).map(
  (j) => j.number,
);
let nextJob = 0;

async function at(iso: string) {
  ctx.clock.set(iso);
  return runDueTimers(ctx.deps, timerHandlers);
}

/** A callback booked for 16:00Z (11:00 New York), and a signed-in member of the team that has it. */
async function bookAt(start = '2026-11-26T16:00:00Z') {
  ctx.clock.set('2026-11-26T15:00:00Z');
  const booked = await bookCallbackOverApi(ctx, { jobNumber: jobs[nextJob++], start });
  const task = await admin.get(`/api/tasks/${booked.taskId}`);
  const member = await ctx.db
    .selectFrom('users')
    .select('email')
    .where('id', '=', task.body.assigneeId)
    .executeTakeFirstOrThrow();
  return { ...booked, worker: ctx.as(member.email) };
}

const promisesOf = async (taskId: string) =>
  (await admin.get(`/api/tasks/${taskId}`)).body.promises.map(
    (p: {
      kind: string;
      sequence: number;
      dueAt: string;
      keptAt: string | null;
      brokenAt: string | null;
    }) => ({
      kind: p.kind,
      sequence: p.sequence,
      dueAt: p.dueAt,
      keptAt: p.keptAt,
      brokenAt: p.brokenAt,
    }),
  );

test('only the task team logs attempts: other teams get 404 (BPO) or 403, bad outcomes 400', async () => {
  const { taskId } = await bookAt();
  const bpo = await ctx
    .as('cb.bpo@demo.test')
    .post(`/api/tasks/${taskId}/attempts`, { outcome: 'no_answer' });
  assert.equal(bpo.status, 404);
  const supervisor = await ctx.as('supervisor.east@demo.test').post(`/api/tasks/${taskId}/attempts`, {
    outcome: 'no_answer',
  });
  assert.equal(supervisor.status, 403);
  assert.equal(supervisor.body.code, 'forbidden');
  const teammate = await ctx
    .as('cb.captive@demo.test')
    .post(`/api/tasks/${taskId}/attempts`, { outcome: 'shouted' });
  assert.equal(teammate.status, 400);
  const unknown = await ctx
    .as('cb.captive@demo.test')
    .post('/api/tasks/00000000-0000-4000-8000-000000000000/attempts', {
      outcome: 'no_answer',
    });
  assert.equal(unknown.status, 404);
  const none = await ctx.db.selectFrom('call_attempts').select('id').where('task_id', '=', taskId).execute();
  assert.equal(none.length, 0);
});

test('a connected call on time keeps the promise, cancels its alerts and lets the task complete', async () => {
  const { taskId, worker } = await bookAt();
  await at('2026-11-26T16:02:00Z');
  const call = await worker.post(`/api/tasks/${taskId}/attempts`, {
    outcome: 'connected',
    note: 'Explained the delay.',
  });
  assert.equal(call.status, 201);
  assert.deepEqual(call.body.next, { kind: 'complete', dueAt: null });
  assert.deepEqual(await promisesOf(taskId), [
    {
      kind: 'first_contact',
      sequence: 1,
      dueAt: '2026-11-26T16:05:00.000Z',
      keptAt: '2026-11-26T16:02:00.000Z',
      brokenAt: null,
    },
  ]);
  await at('2026-11-26T16:10:00Z');
  const alerts = await ctx.db
    .selectFrom('events')
    .select('data')
    .where('type', 'in', ['callback.promise_at_risk', 'callback.promise_broken'])
    .execute();
  assert.equal(alerts.filter((e) => (e.data as { taskId: string }).taskId === taskId).length, 0);
  const reason = await ctx.db
    .selectFrom('resolution_reasons')
    .select('id')
    .where('code', '=', 'resolved_on_call')
    .executeTakeFirstOrThrow();
  const done = await worker.post(`/api/tasks/${taskId}/complete`, { resolutionReasonId: reason.id });
  assert.equal(done.status, 200);
  const late = await worker.post(`/api/tasks/${taskId}/attempts`, { outcome: 'connected' });
  assert.equal(late.status, 409);
});

test('an early attempt is recorded as early; a failed one changes nothing, a dropped call makes a retry due at once', async () => {
  const { taskId, worker } = await bookAt();
  await at('2026-11-26T15:50:00Z');
  const early = await worker.post(`/api/tasks/${taskId}/attempts`, { outcome: 'no_answer' });
  assert.equal(early.status, 201);
  assert.equal(early.body.isEarly, true);
  assert.equal(early.body.countsTowardLimit, false);
  assert.deepEqual(early.body.next, { kind: 'none', dueAt: null });
  await at('2026-11-26T16:01:00Z');
  const dropped = await worker.post(`/api/tasks/${taskId}/attempts`, {
    outcome: 'dropped',
    note: 'Line cut out.',
  });
  assert.deepEqual(dropped.body.next, { kind: 'retry', dueAt: '2026-11-26T16:06:00.000Z' });
  const task = await admin.get(`/api/tasks/${taskId}`);
  assert.equal(task.body.dueAt, '2026-11-26T16:01:00.000Z', 'the retry is due immediately');
  assert.deepEqual(
    (await promisesOf(taskId)).map((p: { kind: string; keptAt: string | null }) => [p.kind, p.keptAt]),
    [
      ['first_contact', '2026-11-26T16:01:00.000Z'],
      ['retry', null],
    ],
  );
  const list = await worker.get(`/api/tasks/${taskId}/attempts`);
  assert.deepEqual(
    list.body.items.map((a: { outcome: string; isEarly: boolean }) => [a.outcome, a.isEarly]),
    [
      ['no_answer', true],
      ['dropped', false],
    ],
  );
});

test('no calls in quiet hours: an attempt at 21:30 customer time is refused and says why', async () => {
  const { taskId, worker } = await bookAt('2026-11-27T01:00:00Z'); // 20:00 New York
  ctx.clock.set('2026-11-27T02:30:00Z');
  const refused = await worker.post(`/api/tasks/${taskId}/attempts`, { outcome: 'no_answer' });
  assert.equal(refused.status, 422);
  assert.equal(refused.body.reason, 'quiet_hours');
  assert.match(refused.body.detail, /Thursday 26 November, 9:30 PM Eastern Time/);
});

test('a retry promised at 20:55 pauses overnight, and the job says so', async () => {
  const { taskId, worker } = await bookAt('2026-11-27T01:30:00Z'); // 20:30 New York
  await at('2026-11-27T01:55:00Z');
  const attempt = await worker.post(`/api/tasks/${taskId}/attempts`, { outcome: 'no_answer' });
  assert.deepEqual(attempt.body.next, { kind: 'retry', dueAt: '2026-11-27T13:10:00.000Z' });
  const detail = await admin.get(`/api/tasks/${taskId}`);
  const retry = detail.body.promises.find((p: { kind: string }) => p.kind === 'retry');
  assert.equal(retry.pausedFrom, '2026-11-27T02:00:00.000Z');
  assert.equal(retry.pausedUntil, '2026-11-27T13:00:00.000Z');
  const job = await admin.get(`/api/jobs/${detail.body.jobNumber}`);
  assert.ok(
    job.body.notes.some(
      (n: { kind: string; body: string }) => n.kind === 'callback.clock_paused' && /quiet hours/.test(n.body),
    ),
  );
  await at('2026-11-27T13:09:00Z');
  assert.equal((await promisesOf(taskId))[1].brokenAt, null, 'the paused clock has not run out overnight');
});

test('a customer who rebooks while the task waits continues the same task with a fresh clock', async () => {
  const booked = await bookAt();
  const { taskId, worker } = booked;
  await at('2026-11-26T16:01:00Z');
  await worker.post(`/api/tasks/${taskId}/attempts`, { outcome: 'wrong_number' });
  await at('2026-11-26T16:01:00Z');
  assert.equal((await admin.get(`/api/tasks/${taskId}`)).body.status, 'waiting');

  const newAppointment = await ctx.db.transaction().execute(async (tx) => {
    const old = await tx
      .selectFrom('appointments')
      .selectAll()
      .where('id', '=', booked.appointmentId)
      .executeTakeFirstOrThrow();
    // An escalation has one booked callback at a time: the new time replaces the old one.
    await tx.updateTable('appointments').set({ status: 'cancelled' }).where('id', '=', old.id).execute();
    const row = await tx
      .insertInto('appointments')
      .values({
        site_id: old.site_id,
        escalation_id: old.escalation_id,
        customer_id: old.customer_id,
        starts_at: '2026-11-27T15:00:00Z',
        ends_at: '2026-11-27T15:30:00Z',
        customer_time_zone: old.customer_time_zone,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await scheduleCallbackClock(ctx.deps, tx, { taskId, appointment: row });
    return row;
  });
  const task = await admin.get(`/api/tasks/${taskId}`);
  assert.equal(task.body.status, 'not_started');
  assert.equal(task.body.appointmentId, newAppointment.id);
  assert.equal(task.body.dueAt, '2026-11-27T15:00:00.000Z');
  assert.deepEqual(
    task.body.promises.map((p: { kind: string; dueAt: string }) => [p.kind, p.dueAt]),
    [['first_contact', '2026-11-27T15:05:00.000Z']],
  );
  await at('2026-11-29T00:00:00Z');
  const after = await admin.get(`/api/tasks/${taskId}`);
  assert.notEqual(after.body.resolution?.code, 'customer_unreachable', 'the old expiry did not close it');
});

test('admins read and change the callback guidelines; others may not; bad values are 400', async () => {
  const read = await admin.get('/api/admin/callback-guidelines');
  assert.equal(read.status, 200);
  assert.equal(read.body.attemptsAllowed, 2);
  assert.deepEqual(read.body.quietHours, { start: '21:00', end: '08:00' });
  const bad = await admin.patch('/api/admin/callback-guidelines', {
    quietHours: { start: '25:00', end: '08:00' },
  });
  assert.equal(bad.status, 400);
  const extra = await admin.patch('/api/admin/callback-guidelines', { retries: 3 });
  assert.equal(extra.status, 400);
  const agent = await ctx
    .as('agent.east@demo.test')
    .patch('/api/admin/callback-guidelines', { attemptsAllowed: 3 });
  assert.equal(agent.status, 403);
  const changed = await admin.patch('/api/admin/callback-guidelines', {
    attemptsAllowed: 3,
    retryWindowMinutes: 20,
  });
  assert.equal(changed.status, 200);
  assert.equal(changed.body.attemptsAllowed, 3);
  assert.equal((await admin.get('/api/admin/callback-guidelines')).body.retryWindowMinutes, 20);

  const { taskId, worker } = await bookAt();
  await at('2026-11-26T16:01:00Z');
  const first = await worker.post(`/api/tasks/${taskId}/attempts`, { outcome: 'no_answer' });
  assert.deepEqual(first.body.next, { kind: 'retry', dueAt: '2026-11-26T16:21:00.000Z' });
  await at('2026-11-26T16:10:00Z');
  const second = await worker.post(`/api/tasks/${taskId}/attempts`, { outcome: 'no_answer' });
  assert.equal(second.body.next.kind, 'retry', 'three attempts allowed now');
  await admin.patch('/api/admin/callback-guidelines', { attemptsAllowed: 2, retryWindowMinutes: 15 });
});
