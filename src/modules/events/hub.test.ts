import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { sql } from 'kysely';
import { createTestContext } from '../../../test/context.ts';
import { userId } from '../../../test/desk.ts';
import { createEventHub } from './hub.ts';
import { publishEvents } from './publish.ts';

// The hub fed by hand (no LISTEN): ids in any order, duplicates, and catching up after a lost connection.
const ctx = await createTestContext();
const lead = {
  id: await userId(ctx.db, 'lead.east@demo.test'),
  role: 'lead',
  siteId: (await ctx.db.selectFrom('sites').select('id').where('slug', '=', 'east').executeTakeFirstOrThrow())
    .id,
  teamId: null,
};
const publishToLead = async (n: number) =>
  (await publishEvents(ctx.db, [{ type: 'test.ping', userIds: [lead.id], data: { n } }]))[0]!;
const idsIn = (frames: string[]) => frames.map((f) => Number(/^id: (\d+)/.exec(f)?.[1]));

test('events notified out of commit order and twice are each written once', async () => {
  const hub = createEventHub(ctx.db);
  const frames: string[] = [];
  await hub.subscribe(lead, (frame) => frames.push(frame));
  const first = await publishToLead(1);
  const second = await publishToLead(2);
  hub.notify(String(second));
  hub.notify(String(first));
  hub.notify(String(second));
  await hub.settle();
  assert.deepEqual(idsIn(frames).sort(), [first, second]);
  assert.match(frames[0]!, /event: test\.ping\ndata: \{"id":\d+,"type":"test\.ping"/);
});

test('after a lost LISTEN connection an empty notify catches up from the newest event seen', async () => {
  const hub = createEventHub(ctx.db);
  const frames: string[] = [];
  hub.notify(''); // first connection: start from now, replay no history
  await hub.settle();
  await hub.subscribe(lead, (frame) => frames.push(frame));
  const seen = await publishToLead(3);
  hub.notify(String(seen));
  await hub.settle();
  const missedA = await publishToLead(4); // published while "disconnected": no notify
  const missedB = await publishToLead(5);
  hub.notify('');
  await hub.settle();
  assert.deepEqual(idsIn(frames), [seen, missedA, missedB]);
});

test('a load that fails (the database is unavailable) is retried, and nothing is skipped', async () => {
  const hub = createEventHub(ctx.db);
  const frames: string[] = [];
  hub.notify('');
  await hub.settle();
  await hub.subscribe(lead, (frame) => frames.push(frame));
  const missed = await publishToLead(6); // its notification was lost
  const later = await publishToLead(7);
  // The table out of reach stands in for a lost connection: the same query fails the same way.
  await sql`ALTER TABLE events RENAME TO events_away`.execute(ctx.db);
  hub.notify(String(later));
  await delay(100);
  await sql`ALTER TABLE events_away RENAME TO events`.execute(ctx.db);
  await hub.settle();
  assert.deepEqual(idsIn(frames), [missed, later]);
});

test('an event for someone else is not written', async () => {
  const hub = createEventHub(ctx.db);
  const frames: string[] = [];
  await hub.subscribe(lead, (frame) => frames.push(frame));
  const west = (
    await ctx.db.selectFrom('sites').select('id').where('slug', '=', 'west').executeTakeFirstOrThrow()
  ).id;
  const [id] = await publishEvents(ctx.db, [{ type: 'test.west', siteId: west, data: {} }]);
  hub.notify(String(id));
  await hub.settle();
  assert.deepEqual(frames, []);
});
