import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTestContext } from '../../../test/context.ts';
import { scheduleTimer } from '../../jobs/timers.ts';
import {
  countRows,
  demoJobNumbers,
  openCallBackTask,
  resolutionReasonId,
  userIdOf,
} from './test-fixtures.ts';

const ctx = await createTestContext();
const jobs = await demoJobNumbers(ctx);
const east = 'agent.east@demo.test';

/** The in-house member a task went to, as an API client. */
async function workerOf(task: { assignee: { id: string } }) {
  const row = await ctx.db
    .selectFrom('users')
    .select('email')
    .where('id', '=', task.assignee.id)
    .executeTakeFirstOrThrow();
  return ctx.as(row.email);
}

test('a worker moves a task through its statuses; each change bumps the version and is announced', async () => {
  const task = await openCallBackTask(ctx, east, jobs[0]!);
  const worker = await workerOf(task);
  const detail = await worker.get(`/api/tasks/${task.id}`);
  assert.equal(detail.status, 200);
  assert.deepEqual(detail.body.allowedStatuses, ['in_progress', 'waiting']);

  const started = await worker.patch(`/api/tasks/${task.id}`, { status: 'in_progress', expectedVersion: 1 });
  assert.equal(started.status, 200);
  assert.equal(started.body.status, 'in_progress');
  assert.equal(started.body.version, 2);
  const waiting = await worker.patch(`/api/tasks/${task.id}`, { status: 'waiting' });
  assert.equal(waiting.body.version, 3);

  const events = await ctx.db
    .selectFrom('events')
    .select(['type', 'team_id', 'user_ids', 'data'])
    .where('type', 'in', ['task.created', 'task.updated'])
    .where(({ ref }) => ref('data', '->>').key('taskId' as never), '=', task.id)
    .orderBy('id')
    .execute();
  assert.deepEqual(
    events.map((e) => [e.type, (e.data as { version: number }).version]),
    [
      ['task.created', 1],
      ['task.updated', 2],
      ['task.updated', 3],
    ],
  );
  assert.equal(events[0]!.team_id, task.team.id);
  assert.deepEqual(events[0]!.user_ids, [task.assigneeId]);

  const job = await worker.get(`/api/jobs/${jobs[0]}`);
  assert.ok(
    job.body.notes.some(
      (n: { kind: string; body: string }) => n.kind === 'task.updated' && /In Progress/.test(n.body),
    ),
  );
});

test('a stale expectedVersion is a 409 conflict and changes nothing', async () => {
  const task = await openCallBackTask(ctx, east, jobs[1]!);
  const worker = await workerOf(task);
  await worker.patch(`/api/tasks/${task.id}`, { status: 'in_progress' });
  const stale = await worker.patch(`/api/tasks/${task.id}`, { status: 'waiting', expectedVersion: 1 });
  assert.equal(stale.status, 409);
  assert.equal(stale.body.code, 'conflict');
  assert.equal(stale.body.currentVersion, 2);
  assert.equal((await worker.get(`/api/tasks/${task.id}`)).body.status, 'in_progress');
});

test('completed is reached only through complete: PATCH to completed is a 409 invalid_transition', async () => {
  const task = await openCallBackTask(ctx, east, jobs[2]!);
  const worker = await workerOf(task);
  const response = await worker.patch(`/api/tasks/${task.id}`, { status: 'completed' });
  assert.equal(response.status, 409);
  assert.equal(response.body.code, 'invalid_transition');
  assert.deepEqual(response.body.allowed, ['in_progress', 'waiting']);
  const unknown = await worker.patch(`/api/tasks/${task.id}`, { status: 'done' });
  assert.equal(unknown.status, 400);
  const empty = await worker.patch(`/api/tasks/${task.id}`, {});
  assert.equal(empty.status, 400);
});

test('completing needs an active resolution reason, closes the exception, cancels its timers and notes the job, at once', async () => {
  const task = await openCallBackTask(ctx, east, jobs[3]!);
  const worker = await workerOf(task);
  await ctx.db.transaction().execute((tx) =>
    scheduleTimer(tx, {
      kind: 'test.noop',
      dueAt: new Date('2030-01-01T00:00:00Z'),
      dedupeKey: `task:${task.id}:first_contact`,
    }),
  );
  const notesBefore = await countRows(ctx, 'job_notes');
  const missing = await worker.post(`/api/tasks/${task.id}/complete`, {});
  assert.equal(missing.status, 400);
  const bogus = await worker.post(`/api/tasks/${task.id}/complete`, {
    resolutionReasonId: '00000000-0000-4000-8000-000000000000',
  });
  assert.equal(bogus.status, 422);
  assert.match(bogus.body.detail, /resolution reason/);
  const retired = await resolutionReasonId(ctx, 'customer_cancelled');
  await ctx.db
    .updateTable('resolution_reasons')
    .set({ is_active: false })
    .where('id', '=', retired)
    .execute();
  assert.equal(
    (await worker.post(`/api/tasks/${task.id}/complete`, { resolutionReasonId: retired })).status,
    422,
  );
  assert.equal(await countRows(ctx, 'job_notes'), notesBefore, 'refused completions write nothing');

  const done = await worker.post(`/api/tasks/${task.id}/complete`, {
    resolutionReasonId: await resolutionReasonId(ctx, 'resolved_on_call'),
    note: 'Explained the part delay; customer content.',
  });
  assert.equal(done.status, 200);
  assert.equal(done.body.status, 'completed');
  assert.equal(done.body.resolution.code, 'resolved_on_call');
  assert.equal(done.body.resolution.note, 'Explained the part delay; customer content.');
  assert.ok(done.body.completedAt);

  const job = await worker.get(`/api/jobs/${jobs[3]}`);
  const exception = job.body.exceptions.find((e: { id: string }) => e.id === task.exceptionId);
  assert.equal(exception.status, 'closed');
  const kinds = job.body.notes.map((n: { kind: string }) => n.kind);
  assert.ok(kinds.includes('task.completed'));
  assert.ok(kinds.includes('exception.closed'));
  const timer = await ctx.db
    .selectFrom('timers')
    .select('status')
    .where('dedupe_key', '=', `task:${task.id}:first_contact`)
    .executeTakeFirstOrThrow();
  assert.equal(timer.status, 'cancelled');

  const again = await worker.post(`/api/tasks/${task.id}/complete`, {
    resolutionReasonId: await resolutionReasonId(ctx, 'resolved_on_call'),
  });
  assert.equal(again.status, 409);
  assert.equal(again.body.code, 'invalid_transition');
  const reopen = await worker.patch(`/api/tasks/${task.id}`, { status: 'in_progress' });
  assert.equal(reopen.status, 409);
});

test('a task is reassigned within its team, returned to the queue, and listed as My Tasks', async () => {
  const task = await openCallBackTask(ctx, east, jobs[4]!);
  const lead = ctx.as('lead.east@demo.test');
  const taylor = await userIdOf(ctx, 'cb.captive@demo.test');
  const toTaylor = await lead.patch(`/api/tasks/${task.id}`, { assigneeId: taylor });
  assert.equal(toTaylor.status, 200);
  assert.equal(toTaylor.body.assignee.name, 'Taylor Brooks');
  const mine = await ctx.as('cb.captive@demo.test').get('/api/tasks?assignee=me');
  assert.ok(mine.body.items.some((t: { id: string }) => t.id === task.id));
  assert.ok(mine.body.items.every((t: { assigneeId: string }) => t.assigneeId === taylor));

  const queued = await lead.patch(`/api/tasks/${task.id}`, { assigneeId: null });
  assert.equal(queued.body.assignee, null);
  const unassigned = await lead.get('/api/tasks?assignee=unassigned');
  assert.deepEqual(
    unassigned.body.items.map((t: { id: string }) => t.id),
    [task.id],
  );

  const outsider = await lead.patch(`/api/tasks/${task.id}`, {
    assigneeId: await userIdOf(ctx, 'cb.bpo@demo.test'),
  });
  assert.equal(outsider.status, 422);
});

test('reassignment tells the team, the new assignee and the previous one', async () => {
  const task = await openCallBackTask(ctx, east, jobs[5]!);
  const other = (
    await ctx.db
      .selectFrom('users')
      .select('id')
      .where('team_id', '=', task.team.id)
      .where('id', '<>', task.assigneeId)
      .executeTakeFirstOrThrow()
  ).id;
  const moved = await ctx
    .as('supervisor.east@demo.test')
    .patch(`/api/tasks/${task.id}`, { assigneeId: other });
  assert.equal(moved.status, 200);
  const event = await ctx.db
    .selectFrom('events')
    .select(['type', 'team_id', 'user_ids', 'data'])
    .where('type', '=', 'task.updated')
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();
  assert.equal((event.data as { taskId: string }).taskId, task.id);
  assert.equal(event.team_id, task.team.id);
  assert.deepEqual([...event.user_ids].sort(), [other, task.assigneeId].sort());
});
