import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTestContext } from '../../../test/context.ts';
import { setPresence } from '../../../test/desk.ts';

const ctx = await createTestContext();
const agent = ctx.as('agent.east@demo.test');
const body = { jobNumber: 'J-100120', reasons: ['service_delay'], summary: 'Second missed visit.' };

test('a second escalation on a job with an open one is refused with its id, unless it is deliberate', async () => {
  const first = await agent.post('/api/escalations', { ...body, allowDuplicate: false });
  assert.equal(first.status, 201);

  const again = await agent.post('/api/escalations', { ...body, allowDuplicate: false });
  assert.equal(again.status, 409);
  assert.equal(again.body.code, 'open_escalation_exists');
  assert.equal(again.body.escalationId, first.body.id);
  assert.equal(again.body.escalationStatus, 'open');
  assert.match(again.body.detail, /J-100120 already has an open escalation \(raised by you\)/);

  const deliberate = await agent.post('/api/escalations', { ...body, allowDuplicate: true });
  assert.equal(deliberate.status, 201);
  // Callers written before the guard (no field) keep their 201.
  const legacy = await agent.post('/api/escalations', body);
  assert.equal(legacy.status, 201);
});

test('an agent of another site never learns of the open escalation: no warning, no id', async () => {
  const east = await agent.post('/api/escalations', {
    ...body,
    jobNumber: 'J-100130',
    allowDuplicate: false,
  });
  assert.equal(east.status, 201);
  const west = await ctx.as('agent.west@demo.test').post('/api/escalations', {
    ...body,
    jobNumber: 'J-100130',
    allowDuplicate: false,
  });
  assert.equal(west.status, 201, JSON.stringify(west.body));
  assert.notEqual(west.body.id, east.body.id);
});

test("the agent's open escalations carry their transfer and permission state; finished ones drop out", async () => {
  await setPresence(ctx.db, 'lead.east@demo.test', 'available');
  const created = await agent.post('/api/escalations', {
    ...body,
    jobNumber: 'J-100140',
    allowDuplicate: false,
  });
  const id = created.body.id;
  const mine = await agent.get('/api/me/escalations?jobNumber=J-100140');
  assert.equal(mine.status, 200);
  assert.deepEqual(
    mine.body.items.map((e: { id: string; status: string; transfer: unknown; permission: unknown }) => [
      e.id,
      e.status,
      e.transfer,
      e.permission,
    ]),
    [[id, 'open', null, null]],
  );

  const transfer = await agent.post(`/api/escalations/${id}/transfer`, {});
  const queued = await agent.get('/api/me/escalations?jobNumber=J-100140');
  assert.deepEqual(queued.body.items[0].transfer, { id: transfer.body.id, status: 'waiting' });
  assert.equal(queued.body.items[0].status, 'in_queue');
  assert.equal(queued.body.items[0].customerName.length > 0, true);

  await agent.post(`/api/transfers/${transfer.body.id}/abandon`, {});
  const asked = await agent.post(`/api/escalations/${id}/callback-permission`, {});
  const asking = await agent.get('/api/me/escalations?jobNumber=J-100140');
  assert.deepEqual(asking.body.items[0].transfer, null);
  assert.deepEqual(asking.body.items[0].permission, { id: asked.body.id, status: 'pending' });

  // Someone else's list never holds it.
  const other = await ctx.as('agent.west@demo.test').get('/api/me/escalations');
  assert.equal(
    other.body.items.some((e: { id: string }) => e.id === id),
    false,
  );

  // Handed over to the desk: no longer the agent's open work.
  await ctx.db.updateTable('escalations').set({ status: 'transferred' }).where('id', '=', id).execute();
  const after = await agent.get('/api/me/escalations?jobNumber=J-100140');
  assert.deepEqual(after.body.items, []);
  assert.equal((await ctx.anonymous.get('/api/me/escalations')).status, 401);
});
