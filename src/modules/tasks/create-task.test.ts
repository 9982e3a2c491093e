import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTestContext } from '../../../test/context.ts';
import { createRoutedTask } from './create-routed-task.ts';
import { findMissingFields } from './create-task.ts';
import { countRows, demoJobNumbers, userIdOf } from './test-fixtures.ts';

const ctx = await createTestContext();
const jobs = await demoJobNumbers(ctx);
const tier2 = ctx.as('tier2@demo.test');

test('required fields per hand-made type', () => {
  assert.deepEqual(findMissingFields({ type: 'tier2_record', jobNumber: 'J-1' }), [
    'escalationType',
    'resolution',
  ]);
  assert.deepEqual(findMissingFields({ type: 'purchasing', jobNumber: 'J-1', orderNumber: ' ', part: 'p' }), [
    'orderNumber',
    'question',
  ]);
  assert.deepEqual(findMissingFields({ type: 'tier3', jobNumber: 'J-1', details: 'look' }), []);
});

test('Tier 2 records the call type and resolution; it lands in the Tier 2 queue', async () => {
  const response = await tier2.post('/api/tasks', {
    type: 'tier2_record',
    jobNumber: jobs[0],
    escalationType: 'service_delay',
    resolution: 'Expedited the part; customer accepted the new date.',
  });
  assert.equal(response.status, 201, JSON.stringify(response.body));
  assert.equal(response.body.type, 'tier2_record');
  assert.equal(response.body.team.name, 'Tier 2');
  assert.equal(response.body.assignee, null, 'Tier 2 works from its queue');
  assert.equal(response.body.details.escalationType, 'service_delay');
  assert.match(response.body.title, /Service Delay/);
  assert.equal(response.body.jobNumber, jobs[0]);
  assert.equal(response.body.isVisibleToCreator, true, 'Tier 2 sees its own queue');
  const listed = await tier2.get('/api/tasks?type=tier2_record');
  assert.deepEqual(
    listed.body.items.map((t: { id: string }) => t.id),
    [response.body.id],
  );
});

test('missing or unknown fields are 400s that name them, and write nothing', async () => {
  const before = { tasks: await countRows(ctx, 'tasks'), notes: await countRows(ctx, 'job_notes') };
  const missing = await tier2.post('/api/tasks', {
    type: 'purchasing',
    jobNumber: jobs[1],
    part: 'Compressor',
  });
  assert.equal(missing.status, 400);
  assert.deepEqual(missing.body.missing, ['orderNumber', 'question']);
  assert.match(missing.body.detail, /orderNumber, question/);
  const badType = await tier2.post('/api/tasks', {
    type: 'tier2_record',
    jobNumber: jobs[1],
    escalationType: 'weather',
    resolution: 'x',
  });
  assert.equal(badType.status, 400);
  assert.match(badType.body.detail, /weather/);
  const notHandMade = await tier2.post('/api/tasks', { type: 'callback', jobNumber: jobs[1] });
  assert.equal(notHandMade.status, 400);
  const unknownField = await tier2.post('/api/tasks', {
    type: 'tier3',
    jobNumber: jobs[1],
    details: 'x',
    urgent: true,
  });
  assert.equal(unknownField.status, 400);
  const noJob = await tier2.post('/api/tasks', { type: 'tier3', jobNumber: 'J-0', details: 'x' });
  assert.equal(noJob.status, 404);
  assert.deepEqual(
    { tasks: await countRows(ctx, 'tasks'), notes: await countRows(ctx, 'job_notes') },
    before,
  );
});

test('a purchasing request goes to Purchasing with its order, part and question', async () => {
  const response = await ctx.as('lead.east@demo.test').post('/api/tasks', {
    type: 'purchasing',
    jobNumber: jobs[2],
    orderNumber: 'PO-5512',
    part: 'Evaporator fan motor',
    question: 'When will the backordered motor ship?',
  });
  assert.equal(response.status, 201);
  assert.equal(response.body.team.name, 'Purchasing');
  assert.deepEqual(response.body.details, {
    orderNumber: 'PO-5512',
    part: 'Evaporator fan motor',
    question: 'When will the backordered motor ship?',
  });
  const purchasing = ctx.as('purchasing@demo.test');
  assert.equal((await purchasing.get(`/api/tasks/${response.body.id}`)).status, 200);
  const job = await purchasing.get(`/api/jobs/${jobs[2]}`);
  assert.ok(
    job.body.notes.some(
      (n: { kind: string; body: string }) => n.kind === 'task.created' && /Purchasing/.test(n.body),
    ),
  );
});

test('Tier 3 tasks are assigned at random to a Tier 3 associate, preferring those present', async () => {
  const rowan = await userIdOf(ctx, 'tier3@demo.test');
  const emery = await userIdOf(ctx, 'tier3.b@demo.test');
  await ctx.db.updateTable('users').set({ presence: 'available' }).where('id', '=', emery).execute();
  for (let i = 0; i < 3; i++) {
    const response = await tier2.post('/api/tasks', {
      type: 'tier3',
      jobNumber: jobs[3],
      details: 'Needs a T3 review',
    });
    assert.equal(response.status, 201);
    assert.equal(response.body.team.name, 'Tier 3');
    assert.equal(response.body.assigneeId, emery, 'the only associate present gets it');
  }
  await ctx.db.updateTable('users').set({ presence: 'offline' }).where('id', '=', emery).execute();
  const seen = new Set<string>();
  for (let i = 0; i < 12; i++) {
    const response = await tier2.post('/api/tasks', { type: 'tier3', jobNumber: jobs[3], details: 'More' });
    seen.add(response.body.assigneeId);
  }
  assert.ok([...seen].every((id) => id === rowan || id === emery));
});

test('an executive case created by the system (no actor) goes directly to the named person', async () => {
  const exec = await userIdOf(ctx, 'exec@demo.test');
  const task = await ctx.db.transaction().execute((tx) =>
    createRoutedTask(ctx.deps, tx, null, {
      type: 'executive_case',
      title: 'Executive escalation: customer wrote to the CEO',
      details: { from: 'customer@example.test' },
    }),
  );
  assert.equal(task.team.name, 'Executive Escalations');
  assert.equal(task.assigneeId, exec);
  assert.equal(task.createdById, null);
  assert.equal((await ctx.as('exec@demo.test').get(`/api/tasks/${task.id}`)).status, 200);
});

test('a task sent to a team the creator does not see says so, and stays out of their reach', async () => {
  const response = await tier2.post('/api/tasks', {
    type: 'tier3',
    jobNumber: jobs[2],
    details: 'Needs a Tier 3 review.',
  });
  assert.equal(response.status, 201, JSON.stringify(response.body));
  assert.equal(response.body.team.name, 'Tier 3', 'the creator is told which team got it');
  assert.equal(response.body.isVisibleToCreator, false);
  assert.equal((await tier2.get(`/api/tasks/${response.body.id}`)).status, 404);
});
