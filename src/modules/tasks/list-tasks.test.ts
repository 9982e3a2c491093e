import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTestContext } from '../../../test/context.ts';
import { demoJobNumbers, openCallBackTask } from './test-fixtures.ts';

const ctx = await createTestContext();
const jobs = await demoJobNumbers(ctx);
const lead = ctx.as('lead.east@demo.test');

// Eight tasks: the clock stands still for the first five (equal created_at), then moves on.
const tasks: { id: string; dueAt: string; customerId: string; jobNumber: string }[] = [];
for (let i = 0; i < 8; i++) {
  if (i >= 5) ctx.clock.advance(60_000);
  tasks.push(await openCallBackTask(ctx, i % 2 ? 'agent.west@demo.test' : 'agent.east@demo.test', jobs[i]!));
}

async function readAllPages(url: string, limit: number) {
  const seen: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const separator = url.includes('?') ? '&' : '?';
    const page = await lead.get(`${url}${separator}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
    assert.equal(page.status, 200);
    assert.ok(page.body.items.length <= limit);
    seen.push(...page.body.items.map((t: { id: string }) => t.id));
    cursor = page.body.nextCursor;
    pages++;
  } while (cursor && pages < 50);
  return seen;
}

test('keyset pages cover every task once, newest first, even when tasks share a creation time', async () => {
  const all = await lead.get('/api/tasks?limit=200');
  assert.equal(all.body.items.length, 8);
  assert.equal(all.body.nextCursor, null);
  const paged = await readAllPages('/api/tasks', 3);
  assert.deepEqual(
    paged,
    all.body.items.map((t: { id: string }) => t.id),
  );
  assert.deepEqual(new Set(paged).size, 8);
  assert.deepEqual(paged.slice(0, 3), [tasks[7]!.id, tasks[6]!.id, tasks[5]!.id]);
  const pagedFiltered = await readAllPages('/api/tasks?status=open&type=callback', 2);
  assert.deepEqual(pagedFiltered, paged);
});

test('a new task does not shift pages already being read', async () => {
  const first = await lead.get('/api/tasks?limit=4');
  ctx.clock.advance(60_000);
  const newer = await openCallBackTask(ctx, 'agent.east@demo.test', jobs[9]!);
  const second = await lead.get(`/api/tasks?limit=4&cursor=${first.body.nextCursor}`);
  const ids = [...first.body.items, ...second.body.items].map((t: { id: string }) => t.id);
  assert.ok(!ids.includes(newer.id));
  assert.equal(new Set(ids).size, 8);
  tasks.push(newer);
});

test('filters: status, team, customer, job, due range, assignee', async () => {
  const worker = tasks[0]! as unknown as { id: string; team: { id: string }; assigneeId: string };
  await lead.patch(`/api/tasks/${worker.id}`, { status: 'in_progress' });
  const inProgress = await lead.get('/api/tasks?status=in_progress');
  assert.deepEqual(
    inProgress.body.items.map((t: { id: string }) => t.id),
    [worker.id],
  );
  const notStartedOrWaiting = await lead.get('/api/tasks?status=not_started,waiting&limit=200');
  assert.equal(notStartedOrWaiting.body.items.length, tasks.length - 1);

  const team = await lead.get(`/api/tasks?teamId=${worker.team.id}&limit=200`);
  assert.ok(team.body.items.every((t: { team: { id: string } }) => t.team.id === worker.team.id));
  assert.equal(team.body.items.length, 5);

  const customer = await lead.get(`/api/tasks?customerId=${tasks[3]!.customerId}`);
  assert.ok(customer.body.items.some((t: { id: string }) => t.id === tasks[3]!.id));
  assert.ok(customer.body.items.every((t: { customerId: string }) => t.customerId === tasks[3]!.customerId));

  const byJob = await lead.get(`/api/tasks?jobNumber=${tasks[2]!.jobNumber}`);
  assert.deepEqual(
    byJob.body.items.map((t: { id: string }) => t.id),
    [tasks[2]!.id],
  );
  assert.deepEqual((await lead.get('/api/tasks?jobNumber=J-0')).body.items, []);

  const due = new Date(tasks[7]!.dueAt);
  const dueWindow = await lead.get(
    `/api/tasks?dueFrom=${encodeURIComponent(due.toISOString())}&dueTo=${encodeURIComponent(new Date(due.getTime() + 1).toISOString())}`,
  );
  assert.deepEqual(
    dueWindow.body.items.map((t: { id: string }) => t.id),
    [tasks[7]!.id],
  );

  const assigned = await lead.get(`/api/tasks?assignee=${worker.assigneeId}&limit=200`);
  assert.ok(assigned.body.items.length >= 1);
  assert.ok(assigned.body.items.every((t: { assigneeId: string }) => t.assigneeId === worker.assigneeId));
});

test('counts by status follow the same filters', async () => {
  const counts = await lead.get('/api/tasks/counts');
  assert.equal(counts.status, 200);
  assert.deepEqual(counts.body.counts, {
    not_started: tasks.length - 1,
    in_progress: 1,
    waiting: 0,
    completed: 0,
  });
  assert.equal(counts.body.total, tasks.length);
  const team = await lead.get(
    `/api/tasks/counts?teamId=${(tasks[1] as unknown as { team: { id: string } }).team.id}`,
  );
  assert.equal(team.body.total, 4);
});

test('bad list queries are 400s', async () => {
  for (const query of [
    'status=done',
    'limit=0',
    'limit=1000',
    'assignee=someone',
    'cursor=nonsense',
    'teamId=x',
    'dueFrom=yesterday',
    'colour=red',
  ]) {
    const response = await lead.get(`/api/tasks?${query}`);
    assert.equal(response.status, 400, query);
    assert.equal(response.body.code, 'validation_failed', query);
  }
});

test('sorted by due time, pages run soonest first and cover every task once', async () => {
  const all = await lead.get('/api/tasks?sort=due&limit=200');
  const dues = all.body.items.map((t: { dueAt: string }) => Date.parse(t.dueAt));
  assert.deepEqual(
    dues,
    [...dues].sort((a, b) => a - b),
  );
  const paged: string[] = [];
  let cursor: string | null = null;
  do {
    const page = await lead.get(`/api/tasks?sort=due&limit=3${cursor ? `&cursor=${cursor}` : ''}`);
    assert.equal(page.status, 200);
    paged.push(...page.body.items.map((t: { id: string }) => t.id));
    cursor = page.body.nextCursor;
  } while (cursor);
  assert.deepEqual(
    paged,
    all.body.items.map((t: { id: string }) => t.id),
  );
});

test('a cursor from one order is refused for the other, and a tampered cursor is a 400', async () => {
  const page = await lead.get('/api/tasks?limit=2');
  const wrongOrder = await lead.get(`/api/tasks?sort=due&cursor=${page.body.nextCursor}`);
  assert.equal(wrongOrder.status, 400);
  const tampered = Buffer.from(JSON.stringify(['created', '2026-13-45 99:00:00+00', tasks[0]!.id])).toString(
    'base64url',
  );
  const response = await lead.get(`/api/tasks?cursor=${tampered}`);
  assert.equal(response.status, 400);
});
