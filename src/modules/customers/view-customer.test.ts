import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTestContext } from '../../../test/context.ts';
import { demoJobNumbers, generalCallBackComment } from '../tasks/test-fixtures.ts';

const ctx = await createTestContext();
const jobs = await demoJobNumbers(ctx);

test('the Customer View shows the customer with jobs, escalations, exceptions and tasks', async () => {
  const agent = ctx.as('agent.east@demo.test');
  const escalation = await agent.post('/api/escalations', {
    jobNumber: jobs[0],
    reasons: ['service_delay'],
    summary: 'Part delayed twice.',
  });
  const opened = await agent.post(`/api/jobs/${jobs[0]}/exceptions`, {
    type: 'call_back',
    commentId: await generalCallBackComment(ctx),
    escalationId: escalation.body.id,
  });
  assert.equal(opened.status, 201);
  const customerId = opened.body.task.customerId;

  const view = await ctx.as('supervisor.east@demo.test').get(`/api/customers/${customerId}/view`);
  assert.equal(view.status, 200);
  assert.equal(view.body.customer.id, customerId);
  assert.ok(view.body.jobs.some((j: { number: string }) => j.number === jobs[0]));
  assert.deepEqual(
    view.body.escalations.map((e: { id: string }) => e.id),
    [escalation.body.id],
  );
  assert.deepEqual(view.body.escalations[0].reasons, ['service_delay']);
  assert.deepEqual(
    view.body.exceptions.map((e: { id: string }) => e.id),
    [opened.body.exception.id],
  );
  assert.deepEqual(
    view.body.tasks.map((t: { id: string }) => t.id),
    [opened.body.task.id],
  );
  assert.deepEqual(view.body.appointments, []);

  const worker = ctx.as('cb.captive@demo.test');
  assert.equal(
    (await worker.get(`/api/customers/${customerId}/view`)).status,
    200,
    'the team has work for them',
  );
});

test('an unknown customer is a 404; a malformed id a 400', async () => {
  const lead = ctx.as('lead.east@demo.test');
  assert.equal((await lead.get('/api/customers/00000000-0000-4000-8000-000000000000/view')).status, 404);
  assert.equal((await lead.get('/api/customers/abc/view')).status, 400);
});
