import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bookCallbackOverApi } from '../../../test/callback-fixture.ts';
import { createTestContext } from '../../../test/context.ts';
import { openEscalation, setPresence } from '../../../test/desk.ts';
import { createIntegrationCaller } from './test-helpers.ts';

const ctx = await createTestContext({ now: '2026-11-26T15:00:00Z' });
const phoneSystem = await createIntegrationCaller(ctx, 'phones@demo.test');
const admin = ctx.as('admin@demo.test');
const agent = ctx.as('agent.east@demo.test');
const at = '2026-11-26T15:00:00Z';

/** Jobs of distinct customers, so a phone number points at one job's work only. */
const jobs = await ctx.db
  .selectFrom('jobs as j')
  .innerJoin('customers as c', 'c.id', 'j.customer_id')
  .distinctOn('j.customer_id')
  .select(['j.number', 'c.phone'])
  .orderBy('j.customer_id')
  .orderBy('j.number')
  .execute();

/** `+15552001234` as a phone platform might spell it: `(555) 200-1234`. */
const localSpelling = (e164: string) => `(${e164.slice(2, 5)}) ${e164.slice(5, 8)}-${e164.slice(8)}`;

async function enqueue(jobNumber: string) {
  await setPresence(ctx.db, 'lead.east@demo.test', 'available');
  const escalationId = await openEscalation(ctx, 'agent.east@demo.test', jobNumber);
  const enqueued = await agent.post(`/api/escalations/${escalationId}/transfer`, {});
  assert.equal(enqueued.status, 201, JSON.stringify(enqueued.body));
  return enqueued.body.id as string;
}

const send = (body: Record<string, unknown>) => phoneSystem.post('/api/integrations/calls', { at, ...body });
const statusOf = async (transferId: string) => (await admin.get(`/api/transfers/${transferId}`)).body.status;

test('call events move a live transfer: queued, answered by the leader, conferenced, ended', async () => {
  const id = await enqueue(jobs[0]!.number);
  const queued = await send({ callId: 'call-1', event: 'queued', transferId: id });
  assert.equal(queued.status, 200, JSON.stringify(queued.body));
  assert.equal(queued.body.status, 'applied');
  assert.equal(await statusOf(id), 'waiting');

  const answered = await send({
    callId: 'call-1',
    event: 'answered',
    transferId: id,
    agentEmail: 'Lead.East@demo.test',
  });
  assert.equal(answered.body.status, 'applied', answered.body.detail);
  assert.equal(await statusOf(id), 'answered');
  const transfer = await admin.get(`/api/transfers/${id}`);
  assert.equal(transfer.body.answeredBy.name.length > 0, true);

  const held = await send({ callId: 'call-1', event: 'held', transferId: id });
  assert.equal(held.body.status, 'applied');
  assert.equal(
    (await send({ callId: 'call-1', event: 'conferenced', transferId: id })).body.status,
    'applied',
  );
  assert.equal(await statusOf(id), 'conferenced');
  assert.equal((await send({ callId: 'call-1', event: 'ended', transferId: id })).body.status, 'applied');
  assert.equal(await statusOf(id), 'completed');
});

test('the same event twice is applied once', async () => {
  const id = await enqueue(jobs[1]!.number);
  const first = await send({
    callId: 'call-2',
    event: 'answered',
    transferId: id,
    agentEmail: 'lead.east@demo.test',
  });
  assert.equal(first.body.status, 'applied');
  assert.equal(first.body.isDuplicate, false);
  const again = await send({
    callId: 'call-2',
    event: 'answered',
    transferId: id,
    agentEmail: 'lead.east@demo.test',
  });
  assert.equal(again.status, 200);
  assert.equal(again.body.isDuplicate, true);
  assert.equal(again.body.id, first.body.id);
  const rows = await ctx.db.selectFrom('call_events').select('id').where('call_id', '=', 'call-2').execute();
  assert.equal(rows.length, 1);
  const notes = await ctx.db
    .selectFrom('job_notes')
    .select('id')
    .where('kind', '=', 'transfer.answered')
    .where(({ ref, eb }) => eb(ref('details'), '@>', JSON.stringify({ transferId: id }) as never))
    .execute();
  assert.equal(notes.length, 1, 'one answer on the job');
  // Ending before the conference abandons the transfer (and frees the leader for the next test).
  assert.equal((await send({ callId: 'call-2', event: 'ended', transferId: id })).body.status, 'applied');
  assert.equal(await statusOf(id), 'abandoned');
});

test("a transfer is matched by the customer's number however it is spelt", async () => {
  const id = await enqueue(jobs[2]!.number);
  const answered = await send({
    callId: 'call-3',
    event: 'answered',
    customerPhone: localSpelling(jobs[2]!.phone),
    agentEmail: 'lead.east@demo.test',
  });
  assert.equal(answered.body.status, 'applied', answered.body.detail);
  assert.equal(answered.body.transferId, id);
  const transferred = await send({ callId: 'call-3', event: 'transferred', customerPhone: jobs[2]!.phone });
  assert.equal(transferred.body.status, 'applied', transferred.body.detail);
  assert.equal(await statusOf(id), 'completed', 'a blind transfer conferences and leaves');
});

test('callback attempts are recorded from ended events with an outcome, by task or by number', async () => {
  const booked = await bookCallbackOverApi(ctx, {
    jobNumber: jobs[3]!.number,
    start: '2026-11-26T16:00:00Z',
  });
  const byTask = await send({ callId: 'cb-1', event: 'ended', taskId: booked.taskId, outcome: 'no_answer' });
  assert.equal(byTask.body.status, 'applied', byTask.body.detail);
  assert.ok(byTask.body.attemptId);
  const repeat = await send({ callId: 'cb-1', event: 'ended', taskId: booked.taskId, outcome: 'no_answer' });
  assert.equal(repeat.body.isDuplicate, true);

  ctx.clock.set('2026-11-26T16:05:00Z');
  const byPhone = await send({
    callId: 'cb-2',
    event: 'ended',
    customerPhone: jobs[3]!.phone,
    outcome: 'voicemail',
  });
  assert.equal(byPhone.body.status, 'applied', byPhone.body.detail);
  assert.equal(byPhone.body.taskId, booked.taskId);
  const attempts = await admin.get(`/api/tasks/${booked.taskId}/attempts`);
  assert.deepEqual(
    attempts.body.items.map((a: { outcome: string }) => a.outcome),
    ['no_answer', 'voicemail'],
  );
  ctx.clock.set(at);
});

test('events that match nothing, or that a step refuses, are kept for review by admins', async () => {
  const nothing = await send({ callId: 'lost-1', event: 'queued', customerPhone: '+1 555 000 0000' });
  assert.equal(nothing.body.status, 'unmatched');
  const noKey = await send({ callId: 'lost-2', event: 'held' });
  assert.equal(noKey.body.status, 'unmatched');
  const id = await enqueue(jobs[4]!.number);
  const refused = await send({ callId: 'lost-3', event: 'answered', transferId: id });
  assert.equal(refused.body.status, 'refused');
  assert.match(refused.body.detail, /agentEmail/);
  assert.equal(await statusOf(id), 'waiting');
  const early = await send({ callId: 'lost-4', event: 'conferenced', transferId: id });
  assert.equal(early.body.status, 'refused');
  assert.match(early.body.detail, /invalid_transition/);

  const review = await admin.get('/api/integrations/calls/unmatched');
  assert.equal(review.status, 200);
  assert.deepEqual(review.body.items.map((e: { callId: string }) => e.callId).sort(), [
    'lost-1',
    'lost-2',
    'lost-3',
    'lost-4',
  ]);
  assert.equal(
    review.body.items.find((e: { callId: string }) => e.callId === 'lost-1').customerPhone,
    '+15550000000',
  );
  assert.equal((await phoneSystem.get('/api/integrations/calls/unmatched')).status, 403);
  assert.equal((await agent.get('/api/integrations/calls/unmatched')).status, 403);
  assert.equal((await agent.post('/api/integrations/calls', { at, callId: 'x', event: 'held' })).status, 403);
});

test('bad phone numbers and misplaced outcomes are refused before anything is recorded', async () => {
  const badPhone = await send({ callId: 'bad-1', event: 'queued', customerPhone: 'anonymous' });
  assert.equal(badPhone.status, 400);
  assert.equal(badPhone.body.code, 'validation_failed');
  const badOutcome = await send({ callId: 'bad-2', event: 'answered', outcome: 'connected' });
  assert.equal(badOutcome.status, 400);
  const rows = await ctx.db
    .selectFrom('call_events')
    .select('id')
    .where('call_id', 'like', 'bad-%')
    .execute();
  assert.equal(rows.length, 0);
});
