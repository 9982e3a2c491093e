import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTestContext } from '../../test/context.ts';
import { timerHandlers } from './handlers.ts';
import { housekeepingKind, scheduleHousekeeping } from './housekeeping.ts';
import { runDueTimers } from './runner.ts';
import { scheduleTimer } from './timers.ts';

const ctx = await createTestContext({ now: '2026-11-26T15:00:00Z' });

const countTimers = async (kind: string, status?: string) => {
  let query = ctx.db
    .selectFrom('timers')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('kind', '=', kind);
  if (status) query = query.where('status', '=', status as 'done');
  return Number((await query.executeTakeFirstOrThrow()).n);
};

test('starting many processes schedules one purge a day, at 03:00 UTC', async () => {
  await Promise.all([1, 2, 3].map(() => scheduleHousekeeping(ctx.db, ctx.clock.now())));
  const rows = await ctx.db
    .selectFrom('timers')
    .select(['due_at'])
    .where('kind', '=', housekeepingKind)
    .execute();
  assert.equal(rows.length, 1);
  assert.equal(rows[0].due_at.toISOString(), '2026-11-27T03:00:00.000Z');
});

test('the purge removes old finished timers, events and idempotency keys, keeps failed and recent ones, and plans tomorrow', async () => {
  const old = new Date('2026-10-01T00:00:00Z');
  await scheduleTimer(ctx.db, { kind: 'test.old_done', dueAt: old });
  await scheduleTimer(ctx.db, { kind: 'test.old_failed', dueAt: old });
  await scheduleTimer(ctx.db, { kind: 'test.recent_done', dueAt: new Date('2026-11-20T00:00:00Z') });
  await ctx.db
    .updateTable('timers')
    .set({ status: 'done', fired_at: old })
    .where('kind', '=', 'test.old_done')
    .execute();
  await ctx.db
    .updateTable('timers')
    .set({ status: 'failed' })
    .where('kind', '=', 'test.old_failed')
    .execute();
  await ctx.db
    .updateTable('timers')
    .set({ status: 'done', fired_at: new Date('2026-11-20T00:00:00Z') })
    .where('kind', '=', 'test.recent_done')
    .execute();
  await ctx.db.insertInto('events').values({ type: 'test.ping', data: '{}', created_at: old }).execute();
  await ctx.db
    .insertInto('sign_in_failures')
    .values([
      { email: 'old@demo.test', address: '192.0.2.1', failed_at: old },
      { email: 'recent@demo.test', address: '192.0.2.1', failed_at: new Date('2026-11-27T02:55:00Z') },
    ])
    .execute();
  const agent = await ctx.db
    .selectFrom('users')
    .select('id')
    .where('email', '=', 'agent.east@demo.test')
    .executeTakeFirstOrThrow();
  await ctx.db
    .insertInto('idempotency_keys')
    .values(
      ['old', 'recent'].map((key) => ({
        key,
        user_id: agent.id,
        scope: 'POST /test',
        request_hash: 'h',
        status_code: 201,
        response: '{}',
        created_at: key === 'old' ? old : new Date('2026-11-27T02:00:00Z'),
      })),
    )
    .execute();

  ctx.clock.set('2026-11-27T03:00:01Z');
  const result = await runDueTimers(ctx.deps, timerHandlers);
  assert.equal(result.failed, 0);

  assert.equal(await countTimers('test.old_done'), 0);
  assert.equal(await countTimers('test.old_failed'), 1);
  assert.equal(await countTimers('test.recent_done'), 1);
  const oldEvents = await ctx.db
    .selectFrom('events')
    .select('id')
    .where('created_at', '<', new Date('2026-11-01'))
    .execute();
  assert.equal(oldEvents.length, 0);
  const failures = await ctx.db.selectFrom('sign_in_failures').select('email').execute();
  assert.deepEqual(
    failures.map((row) => row.email),
    ['recent@demo.test'],
  );
  const keys = await ctx.db
    .selectFrom('idempotency_keys')
    .select('key')
    .where('scope', '=', 'POST /test')
    .execute();
  assert.deepEqual(
    keys.map((k) => k.key),
    ['recent'],
  );
  const next = await ctx.db
    .selectFrom('timers')
    .select('due_at')
    .where('kind', '=', housekeepingKind)
    .where('status', '=', 'pending')
    .executeTakeFirstOrThrow();
  assert.equal(next.due_at.toISOString(), '2026-11-28T03:00:00.000Z');
});
