import assert from 'node:assert/strict';
import { test } from 'node:test';
import { timerHandlers } from '../../jobs/handlers.ts';
import { runDueTimers } from '../../jobs/runner.ts';
import { book, escalationReadyToBook, tokenOf } from '../booking/test-helpers.ts';
import { createTestContext } from '../../../test/context.ts';

// The callback clock through the real booking flow: booked on the desk page, missed twice, the
// reschedule email's manage link works, and the customer's rebooking continues the same task.
const ctx = await createTestContext({ now: '2026-11-26T15:00:00Z' });
const admin = ctx.as('admin@demo.test');

async function at(iso: string) {
  ctx.clock.set(iso);
  return runDueTimers(ctx.deps, timerHandlers);
}

test('a booked callback missed twice gets the reschedule email; rebooking from its link continues the same task', async () => {
  const escalationId = await escalationReadyToBook(ctx);
  const booked = await book(ctx, escalationId, '2026-11-30T10:00:00-05:00', 'America/New_York', {
    'Idempotency-Key': 'promises-e2e-1',
  });
  assert.equal(booked.status, 201, JSON.stringify(booked.body));
  const taskId: string = booked.body.task.id;
  const start = new Date('2026-11-30T15:00:00Z');

  const detail = await admin.get(`/api/tasks/${taskId}`);
  assert.equal(detail.body.dueAt, start.toISOString());
  assert.deepEqual(
    detail.body.promises.map((p: { kind: string; dueAt: string }) => [p.kind, p.dueAt]),
    [['first_contact', '2026-11-30T15:05:00.000Z']],
  );
  const assignee = await ctx.db
    .selectFrom('users')
    .select('email')
    .where('id', '=', detail.body.assigneeId)
    .executeTakeFirstOrThrow();
  const worker = ctx.as(assignee.email);

  await at('2026-11-30T15:02:00Z');
  assert.equal((await worker.post(`/api/tasks/${taskId}/attempts`, { outcome: 'no_answer' })).status, 201);
  await at('2026-11-30T15:12:00Z');
  const last = await worker.post(`/api/tasks/${taskId}/attempts`, {
    outcome: 'voicemail',
    note: 'Left a message.',
  });
  assert.equal(last.body.next.kind, 'reschedule_email');
  await at('2026-11-30T15:12:00Z');

  const mail = await ctx.db
    .selectFrom('outbound_messages')
    .selectAll()
    .where('purpose', '=', 'reschedule_request')
    .executeTakeFirstOrThrow();
  const link = /http:\/\/desk\.test\/manage\/\S+/.exec(mail.text_body)?.[0];
  assert.ok(link, 'the email carries the manage link');
  const page = await ctx.anonymous.get(`/manage/${tokenOf(link)}`);
  assert.equal(page.status, 200, 'the link opens the customer page');
  assert.equal((await admin.get(`/api/tasks/${taskId}`)).body.status, 'waiting');

  // The customer picks a new time the next day: same task, back in the queue, a fresh clock.
  await at('2026-11-30T18:00:00Z');
  const rebooked = await ctx.anonymous.post(`/api/manage/${tokenOf(link)}/reschedule`, {
    start: '2026-12-01T10:00:00-05:00',
  });
  assert.equal(rebooked.status, 200, JSON.stringify(rebooked.body));
  const again = await admin.get(`/api/tasks/${taskId}`);
  assert.equal(again.body.status, 'not_started');
  assert.equal(again.body.dueAt, '2026-12-01T15:00:00.000Z');
  assert.deepEqual(
    again.body.promises.map((p: { kind: string; dueAt: string }) => [p.kind, p.dueAt]),
    [['first_contact', '2026-12-01T15:05:00.000Z']],
  );
  // The old waiting expiry (48 h after the email) does not close the continued task.
  await at('2026-12-02T16:00:00Z');
  assert.notEqual((await admin.get(`/api/tasks/${taskId}`)).body.resolution?.code, 'customer_unreachable');
});

test('a customer who rebooks after the callback closed as unreachable is flagged to the supervisors', async () => {
  ctx.clock.set('2026-11-26T15:00:00Z');
  const escalationId = await escalationReadyToBook(ctx, { jobNumber: 'J-100101' });
  const booked = await book(ctx, escalationId, '2026-11-30T11:00:00-05:00', 'America/New_York', {
    'Idempotency-Key': 'promises-e2e-2',
  });
  assert.equal(booked.status, 201, JSON.stringify(booked.body));
  const taskId: string = booked.body.task.id;
  const detail = await admin.get(`/api/tasks/${taskId}`);
  const assignee = await ctx.db
    .selectFrom('users')
    .select('email')
    .where('id', '=', detail.body.assigneeId)
    .executeTakeFirstOrThrow();
  await at('2026-11-30T16:01:00Z');
  await ctx.as(assignee.email).post(`/api/tasks/${taskId}/attempts`, { outcome: 'wrong_number' });
  await at('2026-11-30T16:01:00Z');
  await at('2026-12-02T16:01:00Z');
  const closed = await admin.get(`/api/tasks/${taskId}`);
  assert.equal(closed.body.resolution?.code, 'customer_unreachable');

  const mail = await ctx.db
    .selectFrom('outbound_messages')
    .select('text_body')
    .where('purpose', '=', 'reschedule_request')
    .where('related_id', '=', booked.body.appointment.id)
    .executeTakeFirstOrThrow();
  const link = /http:\/\/desk\.test\/manage\/\S+/.exec(mail.text_body)![0];
  const rebooked = await ctx.anonymous.post(`/api/manage/${tokenOf(link)}/reschedule`, {
    start: '2026-12-03T10:00:00-05:00',
  });
  if (rebooked.status === 200) {
    const flagged = await ctx.db
      .selectFrom('events')
      .select(['user_ids', 'data'])
      .where('type', '=', 'callback.rebooked_after_close')
      .execute();
    const supervisor = await ctx.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', 'supervisor.east@demo.test')
      .executeTakeFirstOrThrow();
    assert.ok(
      flagged.some(
        (e) => (e.data as { taskId: string }).taskId === taskId && e.user_ids.includes(supervisor.id),
      ),
    );
    assert.equal(
      (await admin.get(`/api/tasks/${taskId}`)).body.status,
      'completed',
      'a closed task stays closed',
    );
  } else {
    assert.equal(rebooked.status, 409, 'or booking refuses to move a callback whose task is closed');
  }
});
