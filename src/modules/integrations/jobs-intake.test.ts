import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTestContext } from '../../../test/context.ts';
import { createIntegrationCaller, sourceJob } from './test-helpers.ts';

const ctx = await createTestContext();
const system = await createIntegrationCaller(ctx);

const countNotes = async (number: string) =>
  (
    await ctx.db
      .selectFrom('job_notes')
      .innerJoin('jobs', 'jobs.id', 'job_notes.job_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('jobs.number', '=', number)
      .executeTakeFirstOrThrow()
  ).n;

test('PUT creates a job and its customer, updates on change, and changes nothing for the same body', async () => {
  const body = sourceJob(1, {
    parts: [
      { partNumber: 'P-1', description: 'Drum belt', status: 'ordered', orderedAt: '2026-11-20T10:00:00Z' },
    ],
  });
  const created = await system.put('/api/integrations/jobs/EXT-1', body);
  assert.equal(created.status, 201, JSON.stringify(created.body));
  assert.equal(created.body.result, 'created');
  const customer = await ctx.db
    .selectFrom('customers')
    .selectAll()
    .where('external_id', '=', 'C-1')
    .executeTakeFirstOrThrow();
  assert.equal(customer.phone, '+15553011001', 'phone stored in E.164');

  const again = await system.put('/api/integrations/jobs/EXT-1', body);
  assert.equal(again.status, 200);
  assert.equal(again.body.result, 'unchanged');
  assert.equal(again.body.jobId, created.body.jobId);
  assert.equal(await countNotes('EXT-1'), 0, 'no note for a create or a repeat');

  const changed = await system.put('/api/integrations/jobs/EXT-1', { ...body, status: 'parts_arrived' });
  assert.equal(changed.status, 200);
  assert.equal(changed.body.result, 'updated');
  assert.equal(await countNotes('EXT-1'), 1, 'one note saying what the job system changed');
  const job = await ctx.as('admin@demo.test').get('/api/jobs/EXT-1');
  assert.equal(job.status, 200);
  assert.equal(job.body.status, 'parts_arrived');
  assert.equal(job.body.parts.length, 1);

  const repeat = await system.put('/api/integrations/jobs/EXT-1', { ...body, status: 'parts_arrived' });
  assert.equal(repeat.body.result, 'unchanged');
  assert.equal(await countNotes('EXT-1'), 1);
});

test('an existing job is updated by its number (the job system number is our job number)', async () => {
  const before = await ctx.as('admin@demo.test').get('/api/jobs/J-100100');
  const answer = await system.put('/api/integrations/jobs/J-100100', sourceJob(2, { status: 'closed' }));
  assert.equal(answer.status, 200);
  assert.equal(answer.body.jobId, before.body.id);
});

test('bad phone, email and time zone are refused with every problem named, and nothing is written', async () => {
  const answer = await system.put(
    '/api/integrations/jobs/EXT-BAD',
    sourceJob(3, {
      customer: { externalId: 'C-3', name: 'X', phone: '12', email: 'nope', timeZone: 'Mars/Base' },
    }),
  );
  assert.equal(answer.status, 400);
  assert.equal(answer.body.code, 'validation_failed');
  assert.deepEqual(
    answer.body.errors.map((e: { field: string }) => e.field),
    ['/customer/phone', '/customer/email', '/customer/timeZone'],
  );
  const job = await ctx.db.selectFrom('jobs').select('id').where('number', '=', 'EXT-BAD').executeTakeFirst();
  assert.equal(job, undefined);
});

test('a batch answers item by item: the good ones are written, the bad ones write nothing', async () => {
  const items = [
    { externalNumber: 'B-1', ...sourceJob(10) },
    {
      externalNumber: 'B-2',
      ...sourceJob(11, { customer: { ...sourceJob(11).customer, timeZone: 'Nowhere' } }),
    },
    { externalNumber: 'B-3', ...sourceJob(10, { product: 'Dryer' }) },
    { externalNumber: 'B-1', ...sourceJob(12) },
    { externalNumber: 'B-4' },
    { externalNumber: 'EXT-1', ...sourceJob(1, { status: 'parts_arrived' }) },
  ];
  const answer = await system.post('/api/integrations/jobs:batch', { items });
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  assert.deepEqual(
    answer.body.items.map((i: { status: number }) => i.status),
    [201, 400, 201, 409, 400, 200],
  );
  assert.equal(answer.body.items[5].result, 'unchanged');
  assert.deepEqual(
    { created: answer.body.created, refused: answer.body.refused, unchanged: answer.body.unchanged },
    { created: 2, refused: 3, unchanged: 1 },
  );
  const numbers = (
    await ctx.db
      .selectFrom('jobs')
      .select('number')
      .where('number', 'in', ['B-1', 'B-2', 'B-3', 'B-4'])
      .execute()
  ).map((r) => r.number);
  assert.deepEqual(numbers.sort(), ['B-1', 'B-3']);
  const b1 = await ctx.db
    .selectFrom('jobs')
    .select('customer_id')
    .where('number', '=', 'B-1')
    .executeTakeFirstOrThrow();
  const b3 = await ctx.db
    .selectFrom('jobs')
    .select('customer_id')
    .where('number', '=', 'B-3')
    .executeTakeFirstOrThrow();
  assert.equal(b1.customer_id, b3.customer_id, 'one customer, matched by external id');
});

test('a batch of 1,001 items is refused whole', async () => {
  const items = Array.from({ length: 1001 }, (_, i) => ({ externalNumber: `M-${i}`, ...sourceJob(i) }));
  const answer = await system.post('/api/integrations/jobs:batch', { items });
  assert.equal(answer.status, 400);
  assert.equal(answer.body.code, 'validation_failed');
  const job = await ctx.db.selectFrom('jobs').select('id').where('number', '=', 'M-0').executeTakeFirst();
  assert.equal(job, undefined);
});

test('the integration role may use the integration routes only; admins may use them too', async () => {
  for (const url of ['/api/me', '/api/jobs?q=J-1', '/api/tasks', '/api/reasons', '/api/jobs/J-100100']) {
    const answer = await system.get(url);
    assert.equal(answer.status, 403, url);
  }
  assert.equal((await system.post('/api/me/api-tokens', { name: 'more' })).status, 403);
  const admin = await ctx.as('admin@demo.test').put('/api/integrations/jobs/EXT-ADMIN', sourceJob(20));
  assert.equal(admin.status, 201);
  const agent = await ctx.as('agent.east@demo.test').put('/api/integrations/jobs/EXT-AGENT', sourceJob(21));
  assert.equal(agent.status, 403);
  assert.equal((await ctx.anonymous.put('/api/integrations/jobs/EXT-ANON', sourceJob(22))).status, 401);
});
