import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTestContext } from '../../../test/context.ts';

const ctx = await createTestContext();
const agent = ctx.as('agent.east@demo.test');
const admin = ctx.as('admin@demo.test');

test('every signed-in user reads the seven escalation reasons in order', async () => {
  const response = await ctx.as('cb.bpo@demo.test').get('/api/reasons');
  assert.equal(response.status, 200);
  assert.deepEqual(
    response.body.items.map((r: { code: string }) => r.code),
    [
      'supervisor_request',
      'service_delay',
      'service_provider_delay',
      'claim_credit_dispute',
      'replacement_dispute',
      'coverage_denial',
      'unauthorized_work',
    ],
  );
});

test('the pick lists need a sign-in', async () => {
  for (const url of ['/api/reasons', '/api/exception-types', '/api/resolution-reasons']) {
    const response = await ctx.anonymous.get(url);
    assert.equal(response.status, 401, url);
    assert.equal(response.body.code, 'unauthenticated');
  }
});

test('exception types and resolution reasons list the active ones', async () => {
  const types = await agent.get('/api/exception-types');
  assert.deepEqual(
    types.body.items.map((t: { code: string }) => t.code),
    ['call_back'],
  );
  const resolutions = await agent.get('/api/resolution-reasons');
  assert.ok(resolutions.body.items.some((r: { code: string }) => r.code === 'resolved_on_call'));

  const retired = resolutions.body.items.find((r: { code: string }) => r.code === 'customer_cancelled');
  const patched = await admin.patch(`/api/admin/resolution-reasons/${retired.id}`, { isActive: false });
  assert.equal(patched.status, 200);
  const after = await agent.get('/api/resolution-reasons');
  assert.ok(!after.body.items.some((r: { code: string }) => r.code === 'customer_cancelled'));
});

test('call back comments for a reason are the specific ones first, then the general one', async () => {
  const all = await agent.get('/api/exception-comments?type=call_back');
  assert.equal(all.status, 200);
  assert.equal(all.body.items.length, 8);
  const forDelay = await agent.get('/api/exception-comments?type=call_back&reason=service_delay');
  assert.deepEqual(
    forDelay.body.items.map((c: { reasonCode: string | null }) => c.reasonCode),
    ['service_delay', null],
  );
  assert.equal(forDelay.body.items[0].exceptionType, 'call_back');
});

test('comments need a well-formed type; an unknown type has none', async () => {
  const missing = await agent.get('/api/exception-comments');
  assert.equal(missing.status, 400);
  assert.equal(missing.body.code, 'validation_failed');
  const unknown = await agent.get('/api/exception-comments?type=no_such_type');
  assert.equal(unknown.status, 200);
  assert.deepEqual(unknown.body.items, []);
});

test('a deactivated reason disappears from the list agents see', async () => {
  const reasons = await admin.get('/api/admin/reasons');
  const dispute = reasons.body.items.find((r: { code: string }) => r.code === 'replacement_dispute');
  await admin.patch(`/api/admin/reasons/${dispute.id}`, { isActive: false });
  const visible = await agent.get('/api/reasons');
  assert.ok(!visible.body.items.some((r: { code: string }) => r.code === 'replacement_dispute'));
  const escalation = await agent.post('/api/escalations', {
    jobNumber: 'J-100100',
    reasons: ['replacement_dispute'],
    summary: 'x',
  });
  assert.equal(escalation.status, 400);
});
