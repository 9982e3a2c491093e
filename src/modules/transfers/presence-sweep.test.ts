import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTestContext } from '../../../test/context.ts';
import { openEscalation, setPresence, userId } from '../../../test/desk.ts';
import { timerHandlers } from '../../jobs/handlers.ts';
import { runDueTimers } from '../../jobs/runner.ts';

const ctx = await createTestContext();
const agent = ctx.as('agent.east@demo.test');
const lead = ctx.as('lead.east@demo.test');
const sme = ctx.as('sme.east@demo.test');

async function eventsOf(type: string) {
  return ctx.db
    .selectFrom('events')
    .select(['data', 'user_ids', 'site_id'])
    .where('type', '=', type)
    .execute();
}

test('a presence change at the site recomputes waiting estimates and tells the agent', async () => {
  await setPresence(ctx.db, 'lead.east@demo.test', 'offline');
  await setPresence(ctx.db, 'sme.east@demo.test', 'offline');
  await setPresence(ctx.db, 'supervisor.east@demo.test', 'offline');
  const transfer = await agent.post(`/api/escalations/${await openEscalation(ctx)}/transfer`, {});
  assert.equal(transfer.body.estimatedWaitSeconds, null, 'nobody available: no estimate');

  assert.equal((await lead.put('/api/me/presence', { presence: 'available' })).status, 200);
  await runDueTimers(ctx.deps, timerHandlers);
  const after = await agent.get(`/api/transfers/${transfer.body.id}`);
  assert.equal(after.body.estimatedWaitSeconds, 60, 'one available member, no answers yet: 60 s');
  const [told] = (await eventsOf('transfer.estimate_changed')).filter(
    (e) => (e.data as { transferId: string }).transferId === transfer.body.id,
  );
  assert.ok(told, 'the agent hears the new estimate');
  assert.ok(told.user_ids.includes(await userId(ctx.db, 'agent.east@demo.test')));
  assert.equal((told.data as { estimatedWaitSeconds: number }).estimatedWaitSeconds, 60);

  await sme.put('/api/me/presence', { presence: 'available' });
  await runDueTimers(ctx.deps, timerHandlers);
  assert.equal((await agent.get(`/api/transfers/${transfer.body.id}`)).body.estimatedWaitSeconds, 30);
  await agent.post(`/api/transfers/${transfer.body.id}/abandon`, {});
});

test('without a heartbeat a desk member goes offline and a gone agent’s waiting transfer is abandoned', async () => {
  await setPresence(ctx.db, 'sme.east@demo.test', 'available');
  assert.equal((await lead.put('/api/me/heartbeat', {})).status, 200);
  await lead.put('/api/me/presence', { presence: 'available' });
  assert.deepEqual((await agent.put('/api/me/heartbeat', {})).body, { timeoutSeconds: 90 });
  const escalationId = await openEscalation(ctx);
  const transfer = await agent.post(`/api/escalations/${escalationId}/transfer`, {});

  ctx.clock.advance(60_000);
  await runDueTimers(ctx.deps, timerHandlers);
  assert.equal((await lead.get('/api/me')).body.presence, 'available', 'within the timeout nothing moves');
  assert.equal((await agent.get(`/api/transfers/${transfer.body.id}`)).body.status, 'waiting');

  await lead.put('/api/me/heartbeat', {}); // the lead's tab is still open; the agent's is not
  ctx.clock.advance(50_000);
  await runDueTimers(ctx.deps, timerHandlers);
  const gone = await agent.get(`/api/transfers/${transfer.body.id}`);
  assert.equal(gone.body.status, 'abandoned');
  assert.ok(gone.body.abandonedAt);
  assert.equal((await agent.get(`/api/escalations/${escalationId}`)).body.status, 'open');
  const row = await ctx.db
    .selectFrom('transfer_requests')
    .select(['abandoned_by', 'abandoned_at'])
    .where('id', '=', transfer.body.id)
    .executeTakeFirstOrThrow();
  assert.equal(row.abandoned_by, null, 'the system, not a person, ended it');
  const abandoned = (await eventsOf('transfer.abandoned')).find(
    (e) => (e.data as { transferId: string }).transferId === transfer.body.id,
  );
  assert.ok(abandoned, 'the abandonment is announced');
  assert.equal((abandoned.data as { reason?: string }).reason, 'agent_gone');
  assert.ok(abandoned.site_id, 'the desk queue hears it');
  const job = await ctx.as('admin@demo.test').get('/api/jobs/J-100100');
  assert.match(job.body.notes.at(-1).body, /agent's screen has been gone/);
  assert.equal((await lead.get('/api/me')).body.presence, 'available');

  ctx.clock.advance(100_000);
  await runDueTimers(ctx.deps, timerHandlers);
  assert.equal((await lead.get('/api/me')).body.presence, 'offline', 'the lead went silent too');
  assert.equal((await sme.get('/api/me')).body.presence, 'available', 'never sent a heartbeat: left alone');
  const offline = (await eventsOf('presence.changed')).filter(
    (e) => (e.data as { presence: string }).presence === 'offline',
  );
  assert.ok(offline.some((e) => (e.data as { name: string }).name === 'Morgan Diaz'));
});

test('a booked, moved or cancelled appointment tells the whole site that availability changed, without customer data', async () => {
  const { publishEvent } = await import('../events/publish.ts');
  const east = await ctx.db
    .selectFrom('sites')
    .select('id')
    .where('slug', '=', 'east')
    .executeTakeFirstOrThrow();
  await publishEvent(ctx.db, {
    type: 'appointment.cancelled',
    siteId: east.id,
    roles: ['supervisor', 'lead', 'sme'],
    data: { appointmentId: 'a', start: '2026-11-27T15:00:00.000Z', customerName: 'Private Person' },
  });
  const [notice] = await ctx.db
    .selectFrom('events')
    .select(['data', 'site_id', 'roles', 'user_ids'])
    .where('type', '=', 'availability.changed')
    .execute();
  assert.deepEqual(notice?.data, { start: '2026-11-27T15:00:00.000Z' });
  assert.equal(notice?.site_id, east.id);
  assert.deepEqual(notice?.roles, []);
});
