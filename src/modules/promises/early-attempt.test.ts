import assert from 'node:assert/strict';
import { test } from 'node:test';
import { timerHandlers } from '../../jobs/handlers.ts';
import { runDueTimers } from '../../jobs/runner.ts';
import { book, escalationReadyToBook } from '../booking/test-helpers.ts';
import { createTestContext } from '../../../test/context.ts';

// Issue 12: an early "dropped" attempt on Tuesday kept Thursday's first-contact promise, so
// Thursday's reminder and at-risk alert never fired and the report counted a promise kept.
// Tuesday 2026-12-01, 10:00 in New York.
const ctx = await createTestContext({ now: '2026-12-01T15:00:00Z' });
const admin = ctx.as('admin@demo.test');

async function at(iso: string) {
  ctx.clock.set(iso);
  return runDueTimers(ctx.deps, timerHandlers);
}

async function eventsFor(taskId: string, type: string) {
  const rows = await ctx.db.selectFrom('events').select(['type', 'data']).where('type', '=', type).execute();
  return rows.filter((r) => (r.data as { taskId?: string }).taskId === taskId);
}

test("a dropped call on Tuesday is early: Thursday's first-contact promise stands, its reminder and at-risk alert fire, the report counts it broken", async () => {
  const escalationId = await escalationReadyToBook(ctx);
  // Thursday 10:00 New York.
  const booked = await book(ctx, escalationId, '2026-12-03T10:00:00-05:00', 'America/New_York');
  assert.equal(booked.status, 201, JSON.stringify(booked.body));
  const taskId: string = booked.body.task.id;
  const detail = await admin.get(`/api/tasks/${taskId}`);
  const assignee = await ctx.db
    .selectFrom('users')
    .select('email')
    .where('id', '=', detail.body.assigneeId)
    .executeTakeFirstOrThrow();
  const worker = ctx.as(assignee.email);

  await at('2026-12-01T16:00:00Z'); // Tuesday 11:00 New York
  const dropped = await worker.post(`/api/tasks/${taskId}/attempts`, { outcome: 'dropped' });
  assert.equal(dropped.status, 201, JSON.stringify(dropped.body));
  assert.equal(dropped.body.isEarly, true, 'recorded as early');
  assert.equal(dropped.body.countsTowardLimit, false);
  assert.deepEqual(dropped.body.next, { kind: 'none', dueAt: null });
  const after = await admin.get(`/api/tasks/${taskId}`);
  assert.equal(after.body.dueAt, '2026-12-03T15:00:00.000Z', 'the task stays due at the window');
  assert.deepEqual(
    after.body.promises.map((p: { kind: string; dueAt: string; keptAt: string | null }) => [
      p.kind,
      p.dueAt,
      p.keptAt,
    ]),
    [['first_contact', '2026-12-03T15:05:00.000Z', null]],
  );

  await at('2026-12-03T14:45:00Z');
  assert.equal((await eventsFor(taskId, 'callback.reminder')).length, 1, "Thursday's reminder fires");
  await at('2026-12-03T15:03:00Z');
  assert.equal((await eventsFor(taskId, 'callback.promise_at_risk')).length, 1, 'the at-risk alert fires');
  await at('2026-12-03T15:05:00Z');
  assert.equal((await eventsFor(taskId, 'callback.promise_broken')).length, 1);

  const report = await ctx
    .as('supervisor.east@demo.test')
    .get('/api/reports/promises-kept?from=2026-12-03&to=2026-12-03&site=east');
  assert.equal(report.status, 200);
  const firstContact = report.body.rows.filter((r: { kind: string }) => r.kind === 'first_contact');
  assert.deepEqual(
    firstContact.map((r: Record<string, unknown>) => [r.due, r.kept, r.broken, r.open]),
    [[1, 0, 1, 0]],
    'the early call is not counted as a kept promise',
  );
});

test('an attempt in the window still keeps the promise (on time)', async () => {
  ctx.clock.set('2026-12-01T15:00:00Z');
  const escalationId = await escalationReadyToBook(ctx, { jobNumber: 'J-100101' });
  const booked = await book(ctx, escalationId, '2026-12-03T11:00:00-05:00', 'America/New_York');
  assert.equal(booked.status, 201, JSON.stringify(booked.body));
  const taskId: string = booked.body.task.id;
  const detail = await admin.get(`/api/tasks/${taskId}`);
  const assignee = await ctx.db
    .selectFrom('users')
    .select('email')
    .where('id', '=', detail.body.assigneeId)
    .executeTakeFirstOrThrow();
  await at('2026-12-03T16:02:00Z');
  const dropped = await ctx.as(assignee.email).post(`/api/tasks/${taskId}/attempts`, { outcome: 'dropped' });
  assert.equal(dropped.status, 201, JSON.stringify(dropped.body));
  assert.equal(dropped.body.isEarly, false);
  assert.equal(dropped.body.next.kind, 'retry');
  const promises = (await admin.get(`/api/tasks/${taskId}`)).body.promises;
  assert.equal(promises[0].keptAt, '2026-12-03T16:02:00.000Z');
});
