import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { sql } from 'kysely';
import { timerHandlers } from '../../jobs/handlers.ts';
import { runDueTimers } from '../../jobs/runner.ts';
import { listenForNotifications } from '../../jobs/wake.ts';
import { createTestContext } from '../../../test/context.ts';
import { openEscalation, setPresence } from '../../../test/desk.ts';
import { callOverHttp, openEventStream, signInOverHttp } from '../../../test/sse.ts';
import { eventsChannel } from './publish.ts';

// Registered before the context so it runs first: stop listening before the database goes away.
let stopListening = async () => {};
after(() => stopListening());

const ctx = await createTestContext();
await ctx.app.listen({ port: 0, host: '127.0.0.1' });
const address = ctx.app.server.address();
const baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
stopListening = await listenForNotifications(ctx.handle, eventsChannel, (id) => ctx.app.eventHub.notify(id));

const cookies: Record<string, string> = {};
for (const email of [
  'agent.east@demo.test',
  'lead.east@demo.test',
  'agent.west@demo.test',
  'supervisor.east@demo.test',
]) {
  cookies[email] = await signInOverHttp(baseUrl, email);
}
const agent = ctx.as('agent.east@demo.test');

test('events reach only the people they concern: the east desk hears an east transfer, west does not', async () => {
  const lead = await openEventStream(baseUrl, cookies['lead.east@demo.test']!);
  const west = await openEventStream(baseUrl, cookies['agent.west@demo.test']!);
  try {
    const escalationId = await openEscalation(ctx);
    const transfer = await agent.post(`/api/escalations/${escalationId}/transfer`, {});
    const seen = await lead.next((e) => e.type === 'transfer.enqueued');
    assert.equal(seen.data.data.transferId, transfer.body.id);
    assert.equal(seen.data.type, 'transfer.enqueued');

    // Something west does hear, after which the east transfer must not have reached west.
    assert.equal(
      (await ctx.as('lead.west@demo.test').put('/api/me/presence', { presence: 'away' })).status,
      200,
    );
    await west.next((e) => e.type === 'presence.changed');
    assert.ok(!west.events.some((e) => e.type.startsWith('transfer.')));
    await agent.post(`/api/transfers/${transfer.body.id}/abandon`, {});
    await lead.next((e) => e.type === 'transfer.abandoned');
  } finally {
    lead.close();
    west.close();
  }
});

test('the agent is told live when the threshold passes and when the supervisor decides', async () => {
  const stream = await openEventStream(baseUrl, cookies['agent.east@demo.test']!);
  try {
    const escalationId = await openEscalation(ctx);
    const transfer = await agent.post(`/api/escalations/${escalationId}/transfer`, {});
    ctx.clock.advance(180_000);
    await runDueTimers(ctx.deps, timerHandlers);
    const prompt = await stream.next((e) => e.type === 'transfer.threshold_reached');
    assert.equal(prompt.data.data.transferId, transfer.body.id);

    await agent.post(`/api/transfers/${transfer.body.id}/abandon`, {});
    const asked = await agent.post(`/api/escalations/${escalationId}/callback-permission`, {});
    const approved = await ctx
      .as('supervisor.east@demo.test')
      .post(`/api/callback-permissions/${asked.body.id}/approve`, {});
    assert.equal(approved.status, 200);
    const decided = await stream.next((e) => e.type === 'callback_permission.decided');
    assert.equal(decided.data.data.status, 'approved');
    assert.equal(decided.data.data.permissionId, asked.body.id);
  } finally {
    stream.close();
  }
});

test('a client reconnecting with Last-Event-ID gets what it missed, and only that', async () => {
  await setPresence(ctx.db, 'lead.east@demo.test', 'offline');
  const first = await openEventStream(baseUrl, cookies['lead.east@demo.test']!);
  const escalationId = await openEscalation(ctx);
  const transfer = await agent.post(`/api/escalations/${escalationId}/transfer`, {});
  const last = await first.next(
    (e) => e.type === 'transfer.enqueued' && e.data.data.transferId === transfer.body.id,
  );
  first.close();

  // While disconnected: the agent leaves the queue and another desk member comes online.
  await agent.post(`/api/transfers/${transfer.body.id}/abandon`, {});
  await ctx.as('sme.east@demo.test').put('/api/me/presence', { presence: 'available' });
  await ctx.app.eventHub.settle();

  const resumed = await openEventStream(baseUrl, cookies['lead.east@demo.test']!, last.id);
  try {
    await resumed.next((e) => e.type === 'presence.changed');
    const types = resumed.events.map((e) => e.type);
    assert.deepEqual(types, ['transfer.abandoned', 'presence.changed']);
    assert.ok(resumed.events.every((e) => e.id > last.id));
  } finally {
    resumed.close();
  }
});

test('a replay that cannot be read ends the stream; the reconnect with the same Last-Event-ID replays', async () => {
  const cookie = cookies['lead.east@demo.test']!;
  const first = await openEventStream(baseUrl, cookie);
  const escalationId = await openEscalation(ctx);
  const transfer = await agent.post(`/api/escalations/${escalationId}/transfer`, {});
  const last = await first.next(
    (e) => e.type === 'transfer.enqueued' && e.data.data.transferId === transfer.body.id,
  );
  first.close();
  await agent.post(`/api/transfers/${transfer.body.id}/abandon`, {});
  await ctx.app.eventHub.settle();

  // The table out of reach stands in for a lost database connection during the replay.
  await sql`ALTER TABLE events RENAME TO events_away`.execute(ctx.db);
  let body: string;
  try {
    const response = await fetch(`${baseUrl}/api/events`, {
      headers: { cookie, 'last-event-id': String(last.id) },
      signal: AbortSignal.timeout(10_000),
    });
    body = await response.text(); // returns only because the server ended the stream
  } finally {
    await sql`ALTER TABLE events_away RENAME TO events`.execute(ctx.db);
  }
  assert.doesNotMatch(body, /^id:/m, 'nothing newer was sent ahead of the missed events');

  const resumed = await openEventStream(baseUrl, cookie, last.id);
  try {
    const missed = await resumed.next((e) => e.type === 'transfer.abandoned');
    assert.equal(missed.data.data.transferId, transfer.body.id);
  } finally {
    resumed.close();
  }
});

test('closed clients are forgotten by the hub', async () => {
  const stream = await openEventStream(baseUrl, cookies['agent.west@demo.test']!);
  assert.ok(ctx.app.eventHub.connectionCount >= 1);
  stream.close();
  // Every stream of this file is closed now; the server notices a disconnect asynchronously.
  const deadline = Date.now() + 5000;
  while (ctx.app.eventHub.connectionCount > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  assert.equal(ctx.app.eventHub.connectionCount, 0);
});

test('the stream needs a session; a malformed Last-Event-ID is a 400', async () => {
  const anonymous = await callOverHttp(baseUrl, '', 'GET', '/api/events');
  assert.equal(anonymous.status, 401);
  const response = await fetch(`${baseUrl}/api/events`, {
    headers: { cookie: cookies['lead.east@demo.test']!, 'last-event-id': 'yesterday' },
  });
  assert.equal(response.status, 400);
  await response.body?.cancel();
});
