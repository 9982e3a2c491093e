import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTestContext } from '../../../test/context.ts';

const ctx = await createTestContext();
const admin = ctx.as('admin@demo.test');

test('only admins reach the admin pick lists', async () => {
  for (const email of ['agent.east@demo.test', 'supervisor.east@demo.test', 'cb.bpo@demo.test']) {
    const response = await ctx.as(email).get('/api/admin/reasons');
    assert.equal(response.status, 403, email);
    assert.equal(response.body.code, 'forbidden');
  }
  const write = await ctx.as('lead.east@demo.test').post('/api/admin/reasons', { code: 'x', label: 'X' });
  assert.equal(write.status, 403);
  assert.equal((await ctx.anonymous.get('/api/admin/exception-types')).status, 401);
});

test('an admin adds an escalation reason that agents can then use', async () => {
  const created = await admin.post('/api/admin/reasons', {
    code: 'billing_error',
    label: 'Billing Error',
    position: 70,
  });
  assert.equal(created.status, 201);
  assert.equal(created.body.code, 'billing_error');
  assert.equal(created.body.isActive, true);
  const escalation = await ctx.as('agent.east@demo.test').post('/api/escalations', {
    jobNumber: 'J-100100',
    reasons: ['billing_error'],
    summary: 'Charged twice.',
  });
  assert.equal(escalation.status, 201);
  const event = await ctx.db
    .selectFrom('events')
    .selectAll()
    .where('type', '=', 'catalog.updated')
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();
  assert.deepEqual(event.data, { list: 'reasons' });
  assert.ok(event.roles.includes('agent') && event.roles.includes('callback_agent'));
});

test('a taken code is a 409; a malformed code or an unknown field is a 400', async () => {
  const taken = await admin.post('/api/admin/reasons', { code: 'service_delay', label: 'Again' });
  assert.equal(taken.status, 409);
  assert.equal(taken.body.code, 'conflict');
  const malformed = await admin.post('/api/admin/exception-types', { code: 'Call Back!', label: 'x' });
  assert.equal(malformed.status, 400);
  const extra = await admin.post('/api/admin/resolution-reasons', { code: 'ok', label: 'x', colour: 'red' });
  assert.equal(extra.status, 400);
  const reasons = await admin.get('/api/admin/reasons');
  const empty = await admin.patch(`/api/admin/reasons/${reasons.body.items[0].id}`, {});
  assert.equal(empty.status, 400);
});

test('patching an unknown id is a 404; deactivation is a soft change', async () => {
  const unknown = await admin.patch('/api/admin/reasons/00000000-0000-4000-8000-000000000000', {
    label: 'x',
  });
  assert.equal(unknown.status, 404);
  const list = await admin.get('/api/admin/resolution-reasons');
  const first = list.body.items[0];
  const off = await admin.patch(`/api/admin/resolution-reasons/${first.id}`, {
    isActive: false,
    label: 'Old',
  });
  assert.equal(off.status, 200);
  assert.equal(off.body.isActive, false);
  assert.equal(off.body.label, 'Old');
  const again = await admin.get('/api/admin/resolution-reasons');
  assert.equal(again.body.items.length, list.body.items.length, 'the row is kept');
});

test('an admin adds an exception type with an approved comment; agents see it', async () => {
  const type = await admin.post('/api/admin/exception-types', { code: 'parts_hold', label: 'Parts Hold' });
  assert.equal(type.status, 201);
  const reasons = await admin.get('/api/admin/reasons');
  const delay = reasons.body.items.find((r: { code: string }) => r.code === 'service_delay');
  const comment = await admin.post('/api/admin/exception-comments', {
    exceptionTypeId: type.body.id,
    reasonId: delay.id,
    body: 'Part on backorder; customer informed.',
  });
  assert.equal(comment.status, 201);
  assert.equal(comment.body.exceptionType, 'parts_hold');
  assert.equal(comment.body.reasonCode, 'service_delay');
  const seen = await ctx.as('agent.west@demo.test').get('/api/exception-comments?type=parts_hold');
  assert.deepEqual(
    seen.body.items.map((c: { body: string }) => c.body),
    ['Part on backorder; customer informed.'],
  );

  const general = await admin.patch(`/api/admin/exception-comments/${comment.body.id}`, { reasonId: null });
  assert.equal(general.body.reasonId, null);
  const off = await admin.patch(`/api/admin/exception-comments/${comment.body.id}`, { isActive: false });
  assert.equal(off.body.isActive, false);
  const hidden = await ctx.as('agent.west@demo.test').get('/api/exception-comments?type=parts_hold');
  assert.deepEqual(hidden.body.items, []);
});

test('a comment for an unknown type or reason is a 422 naming the field, and writes nothing', async () => {
  const before = (await admin.get('/api/admin/exception-comments')).body.items.length;
  const types = await admin.get('/api/admin/exception-types');
  const unknownType = await admin.post('/api/admin/exception-comments', {
    exceptionTypeId: '00000000-0000-4000-8000-000000000000',
    body: 'x',
  });
  assert.equal(unknownType.status, 422);
  assert.equal(unknownType.body.field, 'exceptionTypeId');
  const unknownReason = await admin.post('/api/admin/exception-comments', {
    exceptionTypeId: types.body.items[0].id,
    reasonId: '00000000-0000-4000-8000-000000000000',
    body: 'x',
  });
  assert.equal(unknownReason.status, 422);
  assert.equal(unknownReason.body.field, 'reasonId');
  const after = (await admin.get('/api/admin/exception-comments')).body.items.length;
  assert.equal(after, before);
});
