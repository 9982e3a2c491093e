import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTestContext } from '../../../test/context.ts';
import { openEscalation, setPresence } from '../../../test/desk.ts';

const ctx = await createTestContext();
const agent = ctx.as('agent.east@demo.test');
const lead = ctx.as('lead.east@demo.test');

test("a desk member's active call comes back from the server with its brief until it ends", async () => {
  await setPresence(ctx.db, 'lead.east@demo.test', 'available');
  assert.deepEqual((await lead.get('/api/me/active-call')).body, { call: null });

  const escalationId = await openEscalation(ctx);
  const transfer = await agent.post(`/api/escalations/${escalationId}/transfer`, {});
  assert.deepEqual((await lead.get('/api/me/active-call')).body, { call: null }, 'waiting is not held');

  await lead.post(`/api/transfers/${transfer.body.id}/answer`, {});
  const held = await lead.get('/api/me/active-call');
  assert.equal(held.status, 200);
  assert.equal(held.body.call.id, transfer.body.id);
  assert.equal(held.body.call.status, 'answered');
  assert.equal(held.body.call.brief.job.number, 'J-100100');
  assert.deepEqual((await ctx.as('sme.east@demo.test').get('/api/me/active-call')).body, { call: null });
  assert.deepEqual((await agent.get('/api/me/active-call')).body, { call: null });

  await agent.post(`/api/transfers/${transfer.body.id}/conference`, {});
  assert.equal((await lead.get('/api/me/active-call')).body.call.status, 'conferenced');
  await lead.post(`/api/transfers/${transfer.body.id}/leave`, {});
  assert.deepEqual((await lead.get('/api/me/active-call')).body, { call: null });
  assert.equal((await ctx.anonymous.get('/api/me/active-call')).status, 401);
});

test('the member who answered may end a call not yet conferenced, which frees them for the next', async () => {
  await setPresence(ctx.db, 'lead.east@demo.test', 'available');
  const first = await agent.post(`/api/escalations/${await openEscalation(ctx)}/transfer`, {});
  const second = await agent.post(`/api/escalations/${await openEscalation(ctx)}/transfer`, {});
  await lead.post(`/api/transfers/${first.body.id}/answer`, {});
  const stuck = await lead.post(`/api/transfers/${second.body.id}/answer`, {});
  assert.equal(stuck.status, 409);
  assert.equal(stuck.body.transferId, first.body.id);
  const ended = await lead.post(`/api/transfers/${first.body.id}/abandon`, {});
  assert.equal(ended.status, 200);
  assert.equal(ended.body.status, 'abandoned');
  assert.equal((await lead.post(`/api/transfers/${second.body.id}/answer`, {})).status, 200);
});
