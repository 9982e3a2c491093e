import assert from 'node:assert/strict';
import { test } from 'node:test';
import { timerHandlers } from '../../jobs/handlers.ts';
import { runDueTimers } from '../../jobs/runner.ts';
import { createTestContext } from '../../../test/context.ts';
import { noteKinds, openEscalation, setPresence, userId } from '../../../test/desk.ts';

const ctx = await createTestContext();
const agent = ctx.as('agent.east@demo.test');
const lead = ctx.as('lead.east@demo.test');

async function resetPresence() {
  for (const email of [
    'lead.east@demo.test',
    'sme.east@demo.test',
    'lead.west@demo.test',
    'supervisor.east@demo.test',
  ]) {
    await setPresence(ctx.db, email, 'offline');
  }
}

async function eventsOfType(type: string) {
  return ctx.db.selectFrom('events').selectAll().where('type', '=', type).orderBy('id').execute();
}

test('a live transfer from queue to leave: one answer, conference, leave, every step on the job', async () => {
  await resetPresence();
  assert.equal((await lead.put('/api/me/presence', { presence: 'available' })).status, 200);
  assert.equal(
    (await ctx.as('sme.east@demo.test').put('/api/me/presence', { presence: 'available' })).status,
    200,
  );
  const escalationId = await openEscalation(ctx);

  const enqueued = await agent.post(`/api/escalations/${escalationId}/transfer`, {});
  assert.equal(enqueued.status, 201);
  assert.equal(enqueued.body.siteSlug, 'east');
  assert.equal(enqueued.body.position, 1);
  assert.equal(enqueued.body.hasAvailableMembers, true);
  // No answers yet: 60 s default average × position 1 ÷ 2 available members.
  assert.equal(enqueued.body.estimatedWaitSeconds, 30);
  assert.equal(enqueued.body.enqueuedAt, '2026-11-26T15:00:00.000Z');
  const id = enqueued.body.id;

  ctx.clock.advance(45_000);
  const queue = await lead.get('/api/desk/east/queue');
  assert.equal(queue.status, 200);
  assert.equal(queue.body.items.length, 1);
  assert.equal(queue.body.items[0].waitedSeconds, 45);
  assert.equal(queue.body.items[0].customerName.length > 0, true);
  assert.deepEqual(queue.body.items[0].reasons, ['supervisor_request', 'service_delay']);
  assert.equal(queue.body.availableMembers, 2);

  const answered = await lead.post(`/api/transfers/${id}/answer`, {});
  assert.equal(answered.status, 200);
  assert.equal(answered.body.status, 'answered');
  assert.equal(answered.body.waitedSeconds, 45);
  assert.deepEqual(
    answered.body.brief.reasons.map((r: { code: string }) => r.code),
    ['supervisor_request', 'service_delay'],
  );
  assert.match(answered.body.brief.summary, /third missed visit/);
  assert.equal(answered.body.brief.job.number, 'J-100100');
  assert.ok(answered.body.brief.customer.phone);
  assert.equal(answered.body.brief.agent.name, 'Alex Kim');

  const desk = await lead.get('/api/desk/east/members');
  const me = desk.body.members.find((m: { name: string }) => m.name === 'Morgan Diaz');
  assert.equal(me.presence, 'busy');
  assert.equal(me.activeTransferId, id);

  const tooEarly = await agent.post(`/api/transfers/${id}/leave`, {});
  assert.equal(tooEarly.status, 409);
  assert.equal(tooEarly.body.code, 'invalid_transition');

  ctx.clock.advance(20_000);
  const conferenced = await agent.post(`/api/transfers/${id}/conference`, {});
  assert.equal(conferenced.status, 200);
  assert.equal(conferenced.body.status, 'conferenced');
  ctx.clock.advance(10_000);
  const left = await agent.post(`/api/transfers/${id}/leave`, {});
  assert.equal(left.status, 200);
  assert.equal(left.body.status, 'completed');
  assert.equal(left.body.leftAt, '2026-11-26T15:01:15.000Z');
  assert.equal(left.body.thresholdReached, false);

  const after = await lead.get('/api/desk/east/members');
  assert.equal(
    after.body.members.find((m: { name: string }) => m.name === 'Morgan Diaz').presence,
    'available',
  );
  const escalation = await agent.get(`/api/escalations/${escalationId}`);
  assert.equal(escalation.body.status, 'transferred');
  const history = await agent.get(`/api/escalations/${escalationId}/transfers`);
  assert.deepEqual(
    history.body.items.map((t: { id: string }) => t.id),
    [id],
  );
  // Another site's escalation that agent did not raise is out of their reach (docs/walls.md).
  const hidden = await ctx.as('agent.west@demo.test').get(`/api/escalations/${escalationId}/transfers`);
  assert.equal(hidden.status, 404);

  const kinds = await noteKinds(ctx);
  for (const kind of [
    'transfer.enqueued',
    'transfer.answered',
    'transfer.conferenced',
    'transfer.completed',
  ]) {
    assert.ok(kinds.includes(kind), `missing ${kind} in ${kinds.join(', ')}`);
  }
  const job = await agent.get('/api/jobs/J-100100');
  const completed = job.body.notes.findLast((n: { kind: string }) => n.kind === 'transfer.completed');
  assert.match(completed.body, /Morgan Diaz/);
  assert.match(completed.body, /took over/);

  // A recent answer now feeds the moving average: 45 s × position 1 ÷ 2 available.
  const next = await agent.post(`/api/escalations/${await openEscalation(ctx)}/transfer`, {});
  assert.equal(next.body.estimatedWaitSeconds, 23);
  assert.equal((await agent.post(`/api/transfers/${next.body.id}/abandon`, {})).status, 200);
});

test('the threshold prompt arrives when due under the clock, not before; the agent may then ask', async () => {
  await resetPresence();
  const escalationId = await openEscalation(ctx);
  const enqueued = await agent.post(`/api/escalations/${escalationId}/transfer`, {});
  assert.equal(enqueued.status, 201);
  assert.equal(enqueued.body.estimatedWaitSeconds, null);
  assert.equal(enqueued.body.hasAvailableMembers, false);
  assert.equal(enqueued.body.isWaitLikelyOverThreshold, true);
  const id = enqueued.body.id;
  const before = (await eventsOfType('transfer.threshold_reached')).length;

  ctx.clock.advance(179_000);
  await runDueTimers(ctx.deps, timerHandlers);
  let transfer = await agent.get(`/api/transfers/${id}`);
  assert.equal(transfer.body.waitedSeconds, 179);
  assert.equal(transfer.body.thresholdReached, false);
  assert.equal((await eventsOfType('transfer.threshold_reached')).length, before);

  ctx.clock.advance(1_000);
  transfer = await agent.get(`/api/transfers/${id}`);
  assert.equal(transfer.body.thresholdReached, true, 'derived from the clock before the timer fires');
  assert.equal(transfer.body.thresholdReachedAt, null);

  const fired = await runDueTimers(ctx.deps, timerHandlers);
  assert.equal(fired.failed, 0);
  const prompts = await eventsOfType('transfer.threshold_reached');
  assert.equal(prompts.length, before + 1);
  const prompt = prompts.at(-1)!;
  assert.deepEqual(prompt.user_ids, [await userId(ctx.db, 'agent.east@demo.test')]);
  assert.equal(prompt.data.transferId, id);
  transfer = await agent.get(`/api/transfers/${id}`);
  assert.equal(transfer.body.thresholdReachedAt, '2026-11-26T15:04:15.000Z');
  assert.ok((await noteKinds(ctx)).includes('transfer.threshold_reached'));

  const abandoned = await agent.post(`/api/transfers/${id}/abandon`, {});
  assert.equal(abandoned.status, 200);
  assert.equal(abandoned.body.status, 'abandoned');
  const asked = await agent.post(`/api/escalations/${escalationId}/callback-permission`, {});
  assert.equal(asked.status, 201);
  assert.equal(asked.body.thresholdReached, true);
  assert.equal(asked.body.transferId, id);
  assert.ok((await noteKinds(ctx)).includes('transfer.abandoned'));
});

test("a site's own threshold applies; an answered request gets no prompt", async () => {
  await resetPresence();
  await ctx.db
    .updateTable('sites')
    .set({ transfer_threshold_seconds: 60 })
    .where('slug', '=', 'east')
    .execute();
  try {
    const first = await agent.post(`/api/escalations/${await openEscalation(ctx)}/transfer`, {});
    const second = await agent.post(`/api/escalations/${await openEscalation(ctx)}/transfer`, {});
    assert.equal(first.body.thresholdSeconds, 60);
    assert.equal(second.body.position, 2);
    await lead.post(`/api/transfers/${second.body.id}/answer`, {});
    const before = (await eventsOfType('transfer.threshold_reached')).length;
    ctx.clock.advance(60_000);
    await runDueTimers(ctx.deps, timerHandlers);
    const prompts = await eventsOfType('transfer.threshold_reached');
    assert.equal(prompts.length, before + 1);
    assert.equal(prompts.at(-1)!.data.transferId, first.body.id);
    await agent.post(`/api/transfers/${first.body.id}/abandon`, {});
    await lead.post(`/api/transfers/${second.body.id}/abandon`, {});
  } finally {
    await ctx.db
      .updateTable('sites')
      .set({ transfer_threshold_seconds: 180 })
      .where('slug', '=', 'east')
      .execute();
  }
});

test("another site's desk takes overflow only when nobody at home is available", async () => {
  await resetPresence();
  await setPresence(ctx.db, 'lead.east@demo.test', 'available');
  const escalationId = await openEscalation(ctx);
  const refused = await agent.post(`/api/escalations/${escalationId}/transfer`, { siteSlug: 'west' });
  assert.equal(refused.status, 422);
  assert.match(refused.body.detail, /east desk has 1 available/);
  await setPresence(ctx.db, 'lead.east@demo.test', 'offline');
  const nobodyThere = await agent.post(`/api/escalations/${escalationId}/transfer`, { siteSlug: 'west' });
  assert.equal(nobodyThere.status, 422);
  await setPresence(ctx.db, 'lead.west@demo.test', 'available');
  const overflow = await agent.post(`/api/escalations/${escalationId}/transfer`, { siteSlug: 'west' });
  assert.equal(overflow.status, 201);
  assert.equal(overflow.body.siteSlug, 'west');
  const eastLead = await lead.post(`/api/transfers/${overflow.body.id}/answer`, {});
  assert.equal(eastLead.status, 403);
  const westLead = await ctx.as('lead.west@demo.test').post(`/api/transfers/${overflow.body.id}/answer`, {});
  assert.equal(westLead.status, 200);
  await agent.post(`/api/transfers/${overflow.body.id}/abandon`, {});
});

test('wrong people, wrong roles and bad ids get clear 4xx errors', async () => {
  await resetPresence();
  const escalationId = await openEscalation(ctx);
  const transfer = await agent.post(`/api/escalations/${escalationId}/transfer`, {});
  const id = transfer.body.id;
  const twice = await agent.post(`/api/escalations/${escalationId}/transfer`, {});
  assert.equal(twice.status, 409);
  assert.equal(twice.body.transferId, id);

  const byOtherAgent = await ctx
    .as('agent.west@demo.test')
    .post(`/api/escalations/${escalationId}/transfer`, {});
  // Out of reach (docs/walls.md): 404, never 403.
  assert.equal(byOtherAgent.status, 404);
  const byCallbackAgent = await ctx
    .as('cb.captive@demo.test')
    .post(`/api/escalations/${escalationId}/transfer`, {});
  assert.equal(byCallbackAgent.status, 403);
  const agentAnswers = await agent.post(`/api/transfers/${id}/answer`, {});
  assert.equal(agentAnswers.status, 403);
  const westAnswers = await ctx.as('lead.west@demo.test').post(`/api/transfers/${id}/answer`, {});
  assert.equal(westAnswers.status, 403);
  assert.match(westAnswers.body.detail, /east queue/);
  const westQueue = await ctx.as('lead.west@demo.test').get('/api/desk/east/queue');
  assert.equal(westQueue.status, 403);
  const agentQueue = await agent.get('/api/desk/east/queue');
  assert.equal(agentQueue.status, 403);
  const westView = await ctx.as('agent.west@demo.test').get(`/api/transfers/${id}`);
  assert.equal(westView.status, 404);
  const strangerStep = await ctx.as('sme.east@demo.test').post(`/api/transfers/${id}/abandon`, {});
  assert.equal(strangerStep.status, 403);

  assert.equal((await lead.post('/api/transfers/not-a-uuid/answer', {})).status, 400);
  assert.equal((await lead.get('/api/transfers/42')).status, 400);
  const unknown = await lead.post('/api/transfers/00000000-0000-4000-8000-000000000000/answer', {});
  assert.equal(unknown.status, 404);
  assert.equal(unknown.body.code, 'not_found');
  assert.equal(
    (await agent.post('/api/transfers/00000000-0000-4000-8000-000000000000/leave', {})).status,
    404,
  );
  assert.equal((await agent.post('/api/escalations/nope/transfer', {})).status, 400);
  assert.equal((await lead.get('/api/desk/nowhere/queue')).status, 404);
  assert.equal((await lead.get('/api/desk/NOT_A_SLUG/queue')).status, 400);
  assert.equal((await agent.put('/api/me/presence', { presence: 'available' })).status, 403);
  assert.equal((await lead.put('/api/me/presence', { presence: 'sleeping' })).status, 400);
  assert.equal((await ctx.anonymous.get('/api/desk/east/queue')).status, 401);

  const abandoned = await agent.post(`/api/transfers/${id}/abandon`, {});
  assert.equal(abandoned.status, 200);
  const late = await lead.post(`/api/transfers/${id}/answer`, {});
  assert.equal(late.status, 409);
  assert.equal(late.body.code, 'invalid_transition');
});

test('a member on a call cannot take another; asking for a callback while queued survives leaving the queue', async () => {
  await resetPresence();
  const firstEscalation = await openEscalation(ctx);
  const secondEscalation = await openEscalation(ctx);
  const first = await agent.post(`/api/escalations/${firstEscalation}/transfer`, {});
  const second = await agent.post(`/api/escalations/${secondEscalation}/transfer`, {});
  assert.equal((await lead.post(`/api/transfers/${first.body.id}/answer`, {})).status, 200);
  const busy = await lead.post(`/api/transfers/${second.body.id}/answer`, {});
  assert.equal(busy.status, 409);
  assert.equal(busy.body.code, 'conflict');
  assert.equal(busy.body.transferId, first.body.id);
  assert.equal((await lead.post(`/api/transfers/${first.body.id}/abandon`, {})).status, 200);

  const asked = await agent.post(`/api/escalations/${secondEscalation}/callback-permission`, {});
  assert.equal(asked.status, 201);
  assert.equal((await agent.post(`/api/transfers/${second.body.id}/abandon`, {})).status, 200);
  const escalation = await agent.get(`/api/escalations/${secondEscalation}`);
  assert.equal(escalation.body.status, 'callback_requested');
});
