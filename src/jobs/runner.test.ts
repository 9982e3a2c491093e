import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'kysely';
import { createTestContext } from '../../test/context.ts';
import { isolated, runDueTimers, type TimerHandlers } from './runner.ts';
import { cancelTimers, scheduleTimer } from './timers.ts';

const ctx = await createTestContext({ now: '2026-11-26T15:00:00Z' });
const isPostgres = ctx.handle.engine === 'postgres';

await sql`CREATE TABLE test_fires (timer_id uuid PRIMARY KEY, label text NOT NULL)`.execute(ctx.db);

/** A handler whose effect is one row per timer: a second firing would break the primary key. */
const recordFire: TimerHandlers[string] = async (_deps, tx, timer) => {
  await sql`INSERT INTO test_fires (timer_id, label) VALUES (${timer.id}, ${String(timer.payload.label)})`.execute(
    tx,
  );
};
const handlers: TimerHandlers = {
  'test.fire': recordFire,
  'test.fail': async () => {
    throw new Error('the servicer API is down');
  },
  'test.alone': isolated(recordFire),
};

async function timerRow(key: string) {
  return ctx.db.selectFrom('timers').selectAll().where('dedupe_key', '=', key).executeTakeFirstOrThrow();
}

test('a timer fires once when due, not before, and records how late it fired', async () => {
  ctx.clock.set('2026-11-26T15:00:00Z');
  await scheduleTimer(ctx.db, {
    kind: 'test.fire',
    dueAt: new Date('2026-11-26T15:10:00Z'),
    payload: { label: 'once' },
    dedupeKey: 'once',
  });
  await scheduleTimer(ctx.db, {
    kind: 'test.fire',
    dueAt: new Date('2026-11-26T15:10:00Z'),
    payload: { label: 'duplicate' },
    dedupeKey: 'once',
  });
  assert.deepEqual(await runDueTimers(ctx.deps, handlers), { fired: 0, failed: 0 });
  ctx.clock.set('2026-11-26T15:10:07Z');
  assert.deepEqual(await runDueTimers(ctx.deps, handlers), { fired: 1, failed: 0 });
  assert.deepEqual(await runDueTimers(ctx.deps, handlers), { fired: 0, failed: 0 });
  const row = await timerRow('once');
  assert.equal(row.status, 'done');
  assert.equal(row.lateness_ms, 7000);
  assert.equal(row.fired_at?.toISOString(), '2026-11-26T15:10:07.000Z');
  const fires = await sql<{ label: string }>`SELECT label FROM test_fires`.execute(ctx.db);
  assert.deepEqual(
    fires.rows.map((r) => r.label),
    ['once'],
  );
});

test('a failing timer is retried with backoff and does not hold back or repeat the others', async () => {
  ctx.clock.set('2026-11-26T16:00:00Z');
  const due = new Date('2026-11-26T15:59:00Z');
  for (const label of ['a', 'b']) {
    await scheduleTimer(ctx.db, {
      kind: 'test.fire',
      dueAt: due,
      payload: { label },
      dedupeKey: `batch-${label}`,
    });
  }
  await scheduleTimer(ctx.db, { kind: 'test.fail', dueAt: due, dedupeKey: 'batch-fail' });
  await scheduleTimer(ctx.db, {
    kind: 'test.alone',
    dueAt: due,
    payload: { label: 'alone' },
    dedupeKey: 'batch-alone',
  });
  const result = await runDueTimers(ctx.deps, handlers);
  assert.deepEqual(result, { fired: 3, failed: 1 });
  const failed = await timerRow('batch-fail');
  assert.equal(failed.status, 'pending');
  assert.equal(failed.attempts, 1);
  assert.match(failed.last_error ?? '', /servicer API is down/);
  assert.equal(failed.due_at.toISOString(), '2026-11-26T16:00:02.000Z');
  const fires = await sql<{
    n: number;
  }>`SELECT count(*)::int AS n FROM test_fires WHERE label IN ('a','b','alone')`.execute(ctx.db);
  assert.equal(fires.rows[0].n, 3);
  // After 8 failures the timer gives up and stays visible as failed.
  for (let i = 0; i < 10; i++) {
    ctx.clock.advance(16 * 60_000);
    await runDueTimers(ctx.deps, handlers);
  }
  const gaveUp = await timerRow('batch-fail');
  assert.equal(gaveUp.status, 'failed');
  assert.equal(gaveUp.attempts, 8);
});

test('cancelled timers never fire; a prefix cancels only its own', async () => {
  ctx.clock.set('2026-11-26T17:00:00Z');
  const due = new Date('2026-11-26T17:05:00Z');
  await scheduleTimer(ctx.db, {
    kind: 'test.fire',
    dueAt: due,
    payload: { label: 'x1' },
    dedupeKey: 'task:1:x',
  });
  await scheduleTimer(ctx.db, {
    kind: 'test.fire',
    dueAt: due,
    payload: { label: 'x10' },
    dedupeKey: 'task:10:x',
  });
  assert.equal(await cancelTimers(ctx.db, 'task:1:'), 1);
  ctx.clock.set('2026-11-26T17:06:00Z');
  await runDueTimers(ctx.deps, handlers);
  assert.equal((await timerRow('task:1:x')).status, 'cancelled');
  assert.equal((await timerRow('task:10:x')).status, 'done');
});

test('runners racing over the same due timers fire each exactly once', async () => {
  ctx.clock.set('2026-11-26T18:00:00Z');
  const due = new Date('2026-11-26T17:59:00Z');
  await sql`
    INSERT INTO timers (kind, due_at, payload, dedupe_key)
    SELECT 'test.fire', ${due.toISOString()}::timestamptz, jsonb_build_object('label', 'race'), 'race-' || g
    FROM generate_series(1, 600) g`.execute(ctx.db);
  const results = await Promise.all(
    [1, 2, 3, 4].map(() => runDueTimers(ctx.deps, handlers, { batchSize: 25 })),
  );
  assert.equal(
    results.reduce((sum, r) => sum + r.fired, 0),
    600,
  );
  const fires = await sql<{
    n: number;
  }>`SELECT count(*)::int AS n FROM test_fires WHERE label = 'race'`.execute(ctx.db);
  assert.equal(fires.rows[0].n, 600);
});

test('claims and cancellations walk indexes, never the whole table, with many timers pending', {
  skip: !isPostgres && 'the planner check runs on PostgreSQL',
}, async () => {
  await sql`
    INSERT INTO timers (kind, due_at, payload, dedupe_key)
    SELECT 'test.fire', timestamptz '2027-01-01' + g * interval '1 second', '{}'::jsonb, 'future:' || g || ':x'
    FROM generate_series(1, 50000) g`.execute(ctx.db);
  await sql`ANALYZE timers`.execute(ctx.db);
  const claim = await sql<{ 'QUERY PLAN': string }>`
    EXPLAIN SELECT id FROM timers WHERE status = 'pending' AND due_at <= now()
    ORDER BY due_at LIMIT 100 FOR UPDATE SKIP LOCKED`.execute(ctx.db);
  const claimPlan = claim.rows.map((r) => r['QUERY PLAN']).join('\n');
  assert.match(claimPlan, /Index Scan using timers_due_idx/);
  assert.doesNotMatch(claimPlan, /Seq Scan/);
  const cancel = await sql<{ 'QUERY PLAN': string }>`
    EXPLAIN UPDATE timers SET status = 'cancelled' WHERE status = 'pending' AND dedupe_key LIKE 'future:123:%'`.execute(
    ctx.db,
  );
  const cancelPlan = cancel.rows.map((r) => r['QUERY PLAN']).join('\n');
  assert.match(cancelPlan, /timers_pending_key_idx/);
  assert.doesNotMatch(cancelPlan, /Seq Scan/);
});
