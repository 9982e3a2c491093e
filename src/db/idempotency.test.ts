import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { createTestContext } from '../../test/context.ts';
import { userId } from '../../test/desk.ts';
import { AppError } from '../lib/errors.ts';
import type { Db } from './client.ts';
import { answerOnce, idempotencyTtlMs, type Once, purgeExpiredIdempotencyKeys } from './idempotency.ts';

const ctx = await createTestContext({ now: '2026-11-26T15:00:00Z' });
const agentId = await userId(ctx.db, 'agent.east@demo.test');

/** The work of these tests: one live-event row of its own type, so rows can be counted. */
function workFor(type: string, gate?: Promise<void>, failure?: Error) {
  return async (tx: Db) => {
    await tx.insertInto('events').values({ type, data: '{}' }).execute();
    await gate;
    if (failure) throw failure;
    return { status: 201, body: { type, at: new Date('2026-11-26T15:00:00Z') } };
  };
}

const rowsOf = async (type: string) =>
  (await ctx.db.selectFrom('events').select('id').where('type', '=', type).execute()).length;

const onceFor = (key: string, now = ctx.clock.now(), requestHash = 'same'): Once => ({
  userId: agentId,
  scope: 'POST /test',
  key,
  requestHash,
  now,
});

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

test('a second request while the first is at work waits for it and replays its answer', async () => {
  const type = `test.${randomUUID()}`;
  const held = gate();
  const first = answerOnce(ctx.db, onceFor(type), workFor(type, held.opened));
  await sleep(50);
  let isSecondDone = false;
  const second = answerOnce(ctx.db, onceFor(type), workFor(type)).finally(() => {
    isSecondDone = true;
  });
  await sleep(100);
  assert.equal(isSecondDone, false, 'the second waits while the first holds the key');
  held.open();
  const [a, b] = await Promise.all([first, second]);
  assert.equal(a.isReplay, false);
  assert.equal(b.isReplay, true);
  assert.deepEqual(b.body, a.body);
  assert.deepEqual(a.body, { type, at: '2026-11-26T15:00:00.000Z' });
  assert.equal(await rowsOf(type), 1);
});

test('when the first fails, the waiting second does the work itself', async () => {
  const type = `test.${randomUUID()}`;
  const held = gate();
  const refusal = new AppError('unprocessable', 'refused');
  const first = answerOnce(ctx.db, onceFor(type), workFor(type, held.opened, refusal));
  await sleep(50);
  const second = answerOnce(ctx.db, onceFor(type), workFor(type));
  held.open();
  await assert.rejects(first, refusal);
  const answer = await second;
  assert.equal(answer.isReplay, false);
  assert.equal(await rowsOf(type), 1);
});

test('another request under a kept key is refused, even while the first is at work', async () => {
  const type = `test.${randomUUID()}`;
  const held = gate();
  const first = answerOnce(ctx.db, onceFor(type), workFor(type, held.opened));
  await sleep(50);
  const other = answerOnce(ctx.db, onceFor(type, ctx.clock.now(), 'other'), workFor(type));
  held.open();
  await first;
  await assert.rejects(other, (error: AppError) => error.code === 'idempotency_mismatch');
  assert.equal(await rowsOf(type), 1);
});

test('a key is kept for 24 hours; after that it does new work', async () => {
  const type = `test.${randomUUID()}`;
  const start = ctx.clock.now();
  await answerOnce(ctx.db, onceFor(type, start), workFor(type));
  const later = new Date(start.getTime() + idempotencyTtlMs - 1000);
  assert.equal((await answerOnce(ctx.db, onceFor(type, later), workFor(type))).isReplay, true);
  const expired = new Date(start.getTime() + idempotencyTtlMs);
  const fresh = await answerOnce(ctx.db, onceFor(type, expired, 'another request'), workFor(type));
  assert.equal(fresh.isReplay, false);
  assert.equal(await rowsOf(type), 2);
  const soon = new Date(expired.getTime() + 1000);
  const replay = await answerOnce(ctx.db, onceFor(type, soon, 'another request'), workFor(type));
  assert.equal(replay.isReplay, true);
});

test('housekeeping forgets expired keys and keeps live ones', async () => {
  const now = ctx.clock.now();
  const old = `test.${randomUUID()}`;
  const live = `test.${randomUUID()}`;
  await answerOnce(ctx.db, onceFor(old, new Date(now.getTime() - idempotencyTtlMs - 1)), workFor(old));
  await answerOnce(ctx.db, onceFor(live, now), workFor(live));
  await purgeExpiredIdempotencyKeys(ctx.db, now);
  const keys = await ctx.db
    .selectFrom('idempotency_keys')
    .select('key')
    .where('key', 'in', [old, live])
    .execute();
  assert.deepEqual(
    keys.map((k) => k.key),
    [live],
  );
});
