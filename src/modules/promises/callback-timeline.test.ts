import assert from 'node:assert/strict';
import { test } from 'node:test';
import { timerHandlers } from '../../jobs/handlers.ts';
import { runDueTimers } from '../../jobs/runner.ts';
import { bookCallbackOverApi } from '../../../test/callback-fixture.ts';
import { createTestContext } from '../../../test/context.ts';

// The whole callback clock under the fake clock: 10:00 in New York when the file starts.
const ctx = await createTestContext({ now: '2026-11-26T15:00:00Z' });
const admin = ctx.as('admin@demo.test');

async function userId(email: string) {
  return (await ctx.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow())
    .id;
}
const supervisorEast = await userId('supervisor.east@demo.test');
const emailOf = async (id: string) =>
  (await ctx.db.selectFrom('users').select('email').where('id', '=', id).executeTakeFirstOrThrow()).email;

/** Moves the fake clock and fires whatever fell due, as the background runner would. */
async function at(iso: string) {
  ctx.clock.set(iso);
  return runDueTimers(ctx.deps, timerHandlers);
}

async function eventsFor(taskId: string, type: string) {
  const rows = await ctx.db
    .selectFrom('events')
    .select(['type', 'user_ids', 'team_id', 'data'])
    .where('type', '=', type)
    .execute();
  return rows.filter((r) => (r.data as { taskId?: string }).taskId === taskId);
}

async function notesOf(taskId: string) {
  const rows = await ctx.db
    .selectFrom('job_notes')
    .select(['kind', 'body', 'details'])
    .orderBy('seq')
    .execute();
  return rows.filter((r) => (r.details as { taskId?: string }).taskId === taskId);
}

test('book → reminder → due → no attempt → at risk → broken; then retry, voicemail, the reschedule email, waiting, expiry', async () => {
  ctx.clock.set('2026-11-26T15:00:00Z');
  const booked = await bookCallbackOverApi(ctx, { jobNumber: 'J-100100', start: '2026-11-26T16:00:00Z' });
  const detail = await admin.get(`/api/tasks/${booked.taskId}`);
  assert.equal(detail.status, 200);
  assert.equal(detail.body.dueAt, '2026-11-26T16:00:00.000Z');
  assert.deepEqual(
    detail.body.promises.map((p: { kind: string; dueAt: string; keptAt: string | null }) => [
      p.kind,
      p.dueAt,
      p.keptAt,
    ]),
    [['first_contact', '2026-11-26T16:05:00.000Z', null]],
  );
  const assigneeId: string = detail.body.assigneeId;
  assert.ok(assigneeId, 'round robin assigned the task');
  const worker = ctx.as(await emailOf(assigneeId));

  await at('2026-11-26T15:44:59Z');
  assert.equal((await eventsFor(booked.taskId, 'callback.reminder')).length, 0, 'not before its time');
  await at('2026-11-26T15:45:00Z');
  const reminders = await eventsFor(booked.taskId, 'callback.reminder');
  assert.equal(reminders.length, 1);
  assert.deepEqual(reminders[0].user_ids, [assigneeId]);

  await at('2026-11-26T16:00:00Z');
  assert.equal((await eventsFor(booked.taskId, 'callback.due')).length, 1);

  await at('2026-11-26T16:03:00Z');
  const risks = await eventsFor(booked.taskId, 'callback.promise_at_risk');
  assert.equal(risks.length, 1);
  assert.deepEqual([...risks[0].user_ids].sort(), [assigneeId, supervisorEast].sort());
  assert.equal((await eventsFor(booked.taskId, 'callback.promise_broken')).length, 0);

  await at('2026-11-26T16:05:00Z');
  const broken = await eventsFor(booked.taskId, 'callback.promise_broken');
  assert.equal(broken.length, 1);
  assert.ok(broken[0].user_ids.includes(supervisorEast));
  const afterBreak = await admin.get(`/api/tasks/${booked.taskId}`);
  assert.equal(afterBreak.body.promises[0].brokenAt, '2026-11-26T16:05:00.000Z');
  assert.equal(afterBreak.body.promises[0].keptAt, null);
  assert.ok((await notesOf(booked.taskId)).some((n) => n.kind === 'callback.promise_broken'));

  // A late first attempt: no answer. The retry is promised within 15 minutes.
  await at('2026-11-26T16:07:00Z');
  const first = await worker.post(`/api/tasks/${booked.taskId}/attempts`, {
    outcome: 'no_answer',
    note: 'Rang out.',
  });
  assert.equal(first.status, 201, JSON.stringify(first.body));
  assert.equal(first.body.isEarly, false);
  assert.deepEqual(first.body.next, { kind: 'retry', dueAt: '2026-11-26T16:22:00.000Z' });
  const notes = await notesOf(booked.taskId);
  assert.match(
    notes.at(-1)!.body,
    /Call attempt by .*: No answer\. Note: Rang out\. Next: next call promised by Thursday 26 November, 11:22 AM Eastern Time/,
  );

  // The retry is kept by a voicemail at 16:15: the last allowed attempt. The system emails the customer.
  await at('2026-11-26T16:15:00Z');
  const second = await worker.post(`/api/tasks/${booked.taskId}/attempts`, { outcome: 'voicemail' });
  assert.equal(second.status, 201);
  assert.equal(second.body.next.kind, 'reschedule_email');
  await at('2026-11-26T16:15:00Z');
  const customer = await ctx.db
    .selectFrom('tasks as t')
    .innerJoin('customers as c', 'c.id', 't.customer_id')
    .select('c.email')
    .where('t.id', '=', booked.taskId)
    .executeTakeFirstOrThrow();
  const mails = await ctx.db
    .selectFrom('outbound_messages')
    .selectAll()
    .where('purpose', '=', 'reschedule_request')
    .where('related_id', '=', booked.appointmentId)
    .execute();
  assert.equal(mails.length, 1, 'exactly one reschedule email');
  assert.equal(mails[0].to_address, customer.email);
  assert.match(mails[0].text_body, /http:\/\/desk\.test\/manage\/\S+/);

  const waiting = await admin.get(`/api/tasks/${booked.taskId}`);
  assert.equal(waiting.body.status, 'waiting');
  assert.deepEqual(
    waiting.body.promises.map(
      (p: { kind: string; dueAt: string; keptAt: string | null; brokenAt: string | null }) => [
        p.kind,
        p.dueAt,
        p.keptAt,
        p.brokenAt,
      ],
    ),
    [
      ['first_contact', '2026-11-26T16:05:00.000Z', null, '2026-11-26T16:05:00.000Z'],
      ['retry', '2026-11-26T16:22:00.000Z', '2026-11-26T16:15:00.000Z', null],
      ['reschedule_email', '2026-11-26T16:15:00.000Z', '2026-11-26T16:15:00.000Z', null],
    ],
  );

  // 48 hours later nobody rebooked: the task closes as Customer unreachable, the exception with it.
  await at('2026-11-28T16:14:59Z');
  assert.equal((await admin.get(`/api/tasks/${booked.taskId}`)).body.status, 'waiting');
  await at('2026-11-28T16:15:00Z');
  const closed = await admin.get(`/api/tasks/${booked.taskId}`);
  assert.equal(closed.body.status, 'completed');
  assert.equal(closed.body.resolution.code, 'customer_unreachable');
  const exception = await ctx.db
    .selectFrom('exceptions')
    .select('status')
    .where('id', '=', booked.exceptionId)
    .executeTakeFirstOrThrow();
  assert.equal(exception.status, 'closed');
  assert.equal((await eventsFor(booked.taskId, 'callback.reminder')).length, 1, 'each timer fired once');
});

test('across the fall-back night the retry clock pauses at 21:00 EDT and resumes at 08:00 EST; no calls at 07:30 EST', async () => {
  ctx.clock.set('2026-10-31T20:00:00Z'); // 16:00 EDT
  const booked = await bookCallbackOverApi(ctx, { jobNumber: 'J-100101', start: '2026-11-01T00:30:00Z' });
  const detail = await admin.get(`/api/tasks/${booked.taskId}`);
  const worker = ctx.as(await emailOf(detail.body.assigneeId));

  await at('2026-11-01T00:55:00Z'); // 20:55 EDT
  const missed = await worker.post(`/api/tasks/${booked.taskId}/attempts`, { outcome: 'no_answer' });
  assert.equal(missed.status, 201);
  // 5 minutes run before 21:00 EDT, 10 after 08:00 EST: 13:10Z (a naive UTC clock would say 12:10Z).
  assert.deepEqual(missed.body.next, { kind: 'retry', dueAt: '2026-11-01T13:10:00.000Z' });
  const retry = (await admin.get(`/api/tasks/${booked.taskId}`)).body.promises.find(
    (p: { kind: string }) => p.kind === 'retry',
  );
  assert.equal(retry.pausedFrom, '2026-11-01T01:00:00.000Z');
  assert.equal(retry.pausedUntil, '2026-11-01T13:00:00.000Z');

  await at('2026-11-01T12:30:00Z'); // 07:30 EST (08:30 had the clocks not gone back)
  const tooEarly = await worker.post(`/api/tasks/${booked.taskId}/attempts`, { outcome: 'no_answer' });
  assert.equal(tooEarly.status, 422);
  assert.equal(tooEarly.body.reason, 'quiet_hours');

  await at('2026-11-01T13:09:59Z');
  const stillOpen = (await admin.get(`/api/tasks/${booked.taskId}`)).body.promises.find(
    (p: { kind: string }) => p.kind === 'retry',
  );
  assert.equal(stillOpen.brokenAt, null);
  await at('2026-11-01T13:10:00Z');
  const broken = (await admin.get(`/api/tasks/${booked.taskId}`)).body.promises.find(
    (p: { kind: string }) => p.kind === 'retry',
  );
  assert.equal(broken.brokenAt, '2026-11-01T13:10:00.000Z');
});
