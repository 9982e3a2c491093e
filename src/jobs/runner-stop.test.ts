import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { createTestContext } from '../../test/context.ts';
import { startTimerRunner, type TimerHandlers } from './runner.ts';
import { scheduleTimers } from './timers.ts';

// Shutdown stops the runner first and closes the database after: `stop()` must wait for the batch
// it has claimed, so those timers end done (committed) rather than cut off mid-transaction.

const ctx = await createTestContext({ now: '2026-11-26T15:00:00Z' });

test('stopping the runner waits for the claimed batch to commit, then takes on no more', async () => {
  let started = 0;
  let finished = 0;
  const handlers: TimerHandlers = {
    'test.slow': async () => {
      started++;
      await delay(100);
      finished++;
    },
  };
  await scheduleTimers(
    ctx.db,
    Array.from({ length: 5 }, (_, i) => ({
      kind: 'test.slow',
      dueAt: new Date('2026-11-26T14:59:00Z'),
      dedupeKey: `slow-stop:${i}`,
    })),
  );
  const fired: number[] = [];
  const runner = startTimerRunner(ctx.deps, handlers, {
    intervalMs: 60_000,
    batchSize: 2,
    onFired: (firings) => fired.push(firings.length),
  });
  while (started === 0) await delay(5);
  await runner.stop();
  assert.equal(finished, started, 'no handler cut off');
  const rows = await ctx.db
    .selectFrom('timers')
    .select(['dedupe_key', 'status'])
    .where('dedupe_key', 'like', 'slow-stop:%')
    .execute();
  const done = rows.filter((r) => r.status === 'done').length;
  assert.equal(
    done,
    fired.reduce((a, b) => a + b, 0),
    'every fired timer committed as done',
  );
  assert.ok(
    done >= 2 && done < 5,
    `the claimed batch finished (${done} done), the rest wait for the next process`,
  );
  assert.ok(
    rows.every((r) => r.status === 'done' || r.status === 'pending'),
    'nothing left half-claimed',
  );
});
