import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTestContext } from '../../../test/context.ts';
import { demoJobNumbers, openCallBackTask, resolutionReasonId, userIdOf } from './test-fixtures.ts';

const ctx = await createTestContext();
const jobs = await demoJobNumbers(ctx);
const bpo = ctx.as('cb.bpo@demo.test');
const captive = ctx.as('cb.captive@demo.test');

// Two in-house tasks (east agent) and two BPO tasks (west agent), on different customers.
const inHouse = [
  await openCallBackTask(ctx, 'agent.east@demo.test', jobs[0]!),
  await openCallBackTask(ctx, 'agent.east@demo.test', jobs[2]!),
];
const outsourced = [
  await openCallBackTask(ctx, 'agent.west@demo.test', jobs[4]!),
  await openCallBackTask(ctx, 'agent.west@demo.test', jobs[5]!),
];
const ids = (items: { id: string }[]) => items.map((t) => t.id).sort();

test('a BPO user lists and counts only their own team tasks', async () => {
  const list = await bpo.get('/api/tasks');
  assert.equal(list.status, 200);
  assert.deepEqual(ids(list.body.items), ids(outsourced));
  const counts = await bpo.get('/api/tasks/counts');
  assert.equal(counts.body.total, 2);
  const filtered = await bpo.get(`/api/tasks?teamId=${inHouse[0].team.id}`);
  assert.deepEqual(filtered.body.items, [], 'asking for the in-house team by id shows nothing');
  const byCustomer = await bpo.get(`/api/tasks?customerId=${inHouse[0].customerId}`);
  assert.deepEqual(byCustomer.body.items, []);
});

test('a BPO user gets 404 for an in-house task, whether reading, moving or completing it', async () => {
  const task = inHouse[0];
  const read = await bpo.get(`/api/tasks/${task.id}`);
  assert.equal(read.status, 404);
  assert.doesNotMatch(JSON.stringify(read.body), /In-house/);
  assert.equal((await bpo.patch(`/api/tasks/${task.id}`, { status: 'in_progress' })).status, 404);
  const complete = await bpo.post(`/api/tasks/${task.id}/complete`, {
    resolutionReasonId: await resolutionReasonId(ctx, 'resolved_on_call'),
  });
  assert.equal(complete.status, 404);
  const unchanged = await ctx.db
    .selectFrom('tasks')
    .select(['status', 'version'])
    .where('id', '=', task.id)
    .executeTakeFirstOrThrow();
  assert.deepEqual(unchanged, { status: 'not_started', version: 1 });
});

test('a BPO user sees the customer view only for customers they have work for, with only their tasks', async () => {
  assert.equal((await bpo.get(`/api/customers/${inHouse[0].customerId}/view`)).status, 404);
  const own = await bpo.get(`/api/customers/${outsourced[0].customerId}/view`);
  assert.equal(own.status, 200);
  assert.ok(own.body.tasks.every((t: { team: { kind: string } }) => t.team.kind === 'bpo'));
  assert.ok(own.body.tasks.some((t: { id: string }) => t.id === outsourced[0].id));
});

test('a BPO user cannot hand a task to someone outside their team', async () => {
  const response = await bpo.patch(`/api/tasks/${outsourced[0].id}`, {
    assigneeId: await userIdOf(ctx, 'cb.captive@demo.test'),
  });
  assert.equal(response.status, 422);
  assert.match(response.body.detail, /not an active member/);
});

test('in-house callback agents see their team only', async () => {
  const list = await captive.get('/api/tasks');
  assert.deepEqual(ids(list.body.items), ids(inHouse));
  assert.equal((await captive.get(`/api/tasks/${outsourced[0].id}`)).status, 404);
  assert.equal((await captive.get(`/api/tasks/${inHouse[1].id}`)).status, 200);
});

test('leads, supervisors and admins see every team; Tier 3 sees none of the callback work', async () => {
  for (const email of [
    'lead.east@demo.test',
    'supervisor.west@demo.test',
    'sme.east@demo.test',
    'admin@demo.test',
  ]) {
    const list = await ctx.as(email).get('/api/tasks');
    assert.deepEqual(ids(list.body.items), ids([...inHouse, ...outsourced]), email);
  }
  const tier3 = await ctx.as('tier3@demo.test').get('/api/tasks');
  assert.deepEqual(tier3.body.items, []);
  assert.equal((await ctx.as('tier3@demo.test').get(`/api/tasks/${inHouse[0].id}`)).status, 404);
});

test('an agent sees the tasks they created but cannot work them', async () => {
  const agent = ctx.as('agent.east@demo.test');
  const list = await agent.get('/api/tasks');
  assert.deepEqual(ids(list.body.items), ids(inHouse));
  assert.equal((await agent.get(`/api/tasks/${outsourced[0].id}`)).status, 404);
  const move = await agent.patch(`/api/tasks/${inHouse[0].id}`, { status: 'in_progress' });
  assert.equal(move.status, 403);
  assert.equal(
    (await agent.post('/api/tasks', { type: 'tier3', jobNumber: jobs[0], details: 'x' })).status,
    403,
  );
});

test('signed-out requests are refused', async () => {
  assert.equal((await ctx.anonymous.get('/api/tasks')).status, 401);
  assert.equal((await ctx.anonymous.get(`/api/tasks/${inHouse[0].id}`)).status, 401);
});

test('GET /api/teams lists only the teams whose work you see, with members for the assignee picker', async () => {
  const own = await bpo.get('/api/teams');
  assert.equal(own.status, 200);
  assert.deepEqual(
    own.body.items.map((t: { name: string }) => t.name),
    ['Acme BPO'],
  );
  assert.deepEqual(
    own.body.items[0].members.map((m: { name: string }) => m.name),
    ['Jamie Rivera', 'Quinn Foster'],
  );
  assert.equal(
    own.body.items[0].members.reduce((sum: number, m: { openTasks: number }) => sum + m.openTasks, 0),
    2,
  );
  const all = await ctx.as('lead.east@demo.test').get('/api/teams');
  assert.ok(all.body.items.length >= 6);
  assert.deepEqual((await ctx.as('agent.east@demo.test').get('/api/teams')).body.items, []);
});
