import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { after, test } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { sql } from 'kysely';
import { bookCallbackOverApi } from './callback-fixture.ts';
import { createTestContext } from './context.ts';
import { postgresUrlOf } from './database.ts';
import { scheduleTimer } from '../src/jobs/timers.ts';

// Real processes, real time: `node src/main.ts` against this file's PostgreSQL database. Timers are
// the review reminders of a real callback task; each firing publishes one event carrying its timer
// id, so "fired once" is counted from what the handler did, not from the timer's own status.

// The in-process app (which books the callbacks) runs on a fake clock years ahead of real time: the
// booked callbacks' own timers (reminder, due, promise) then never fall due in the real-time
// processes, so each task's reminder events are only those of the timers a test adds.
const ctx = await createTestContext({ now: '2030-01-07T15:00:00Z' });
const url = ctx.handle.engine === 'postgres' ? postgresUrlOf(ctx.handle) : undefined;
const skip = !url && 'needs PostgreSQL (real processes share one database)';
const root = path.resolve(import.meta.dirname, '..');
const children = new Set<ChildProcess>();

after(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
});

/** Starts the app as a child process and resolves once it is serving (bounded). */
async function startApp(extraEnv: Record<string, string> = {}): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['src/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: url,
      PORT: '0',
      HOST: '127.0.0.1',
      INBOUND_SMTP_PORT: '0',
      TIMER_POLL_MS: '200',
      NODE_ENV: 'development',
      ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`app did not start in 20 s:\n${output}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Escalation Desk is running')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`app exited with ${code}:\n${output}`));
    });
  });
  child.removeAllListeners('exit');
  return child;
}

async function killHard(child: ChildProcess) {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
  children.delete(child);
}

const jobs = (await ctx.db.selectFrom('jobs').select('number').orderBy('number').execute()).map(
  (j) => j.number,
);
let fixtureCount = 0;
/**
 * `count` reminder timers of one open callback task, all due at `dueAt` (real time). The task is
 * booked for 11:00 New York on Monday 7 January 2030, an hour after the fake clock's now.
 */
async function scheduleReminders(count: number, dueAt: Date) {
  const booked = await bookCallbackOverApi(ctx, {
    jobNumber: jobs[fixtureCount++],
    start: '2030-01-07T16:00:00Z',
  });
  const promise = await ctx.db
    .selectFrom('task_promises')
    .select('id')
    .where('task_id', '=', booked.taskId)
    .executeTakeFirstOrThrow();
  const rows = await sql<{ id: string }>`
    INSERT INTO timers (kind, due_at, payload, dedupe_key)
    SELECT 'callback.review_reminder', ${dueAt.toISOString()}::timestamptz,
      jsonb_build_object('taskId', ${booked.taskId}::text, 'promiseId', ${promise.id}::text),
      'realtime:' || ${booked.taskId}::text || ':' || g
    FROM generate_series(1, ${count}) g
    RETURNING id`.execute(ctx.db);
  return { taskId: booked.taskId, ids: rows.rows.map((r) => r.id) };
}

/** Waits (bounded) until none of the timers is pending any more. */
async function waitUntilFired(ids: string[], withinMs: number) {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const pending = await ctx.db
      .selectFrom('timers')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('id', 'in', ids)
      .where('status', '=', 'pending')
      .executeTakeFirstOrThrow();
    if (Number(pending.n) === 0) return;
    if (Date.now() > deadline) throw new Error(`${pending.n} timers still pending after ${withinMs} ms`);
    await delay(100);
  }
}

/** How many times each timer's handler ran, from the events it published. */
async function firesPerTimer(taskId: string): Promise<Map<string, number>> {
  const rows = await ctx.db
    .selectFrom('events')
    .select('data')
    .where('type', '=', 'callback.reminder')
    .execute();
  const counts = new Map<string, number>();
  for (const { data } of rows) {
    const { taskId: task, timerId } = data as { taskId: string; timerId: string };
    if (task === taskId) counts.set(timerId, (counts.get(timerId) ?? 0) + 1);
  }
  return counts;
}

test('timers due while the app was killed (kill -9) fire once after restart, with their lateness recorded', {
  skip,
  timeout: 60_000,
}, async () => {
  const first = await startApp();
  const dueAt = new Date(Date.now() + 3000);
  const { taskId, ids } = await scheduleReminders(20, dueAt);
  await killHard(first);
  const untouched = await ctx.db.selectFrom('timers').select('status').where('id', 'in', ids).execute();
  assert.ok(
    untouched.every((t) => t.status === 'pending'),
    'killed before they were due',
  );

  await delay(Math.max(0, dueAt.getTime() - Date.now()) + 1500); // the system is down when they fall due
  const restartedAt = Date.now();
  const second = await startApp();
  await waitUntilFired(ids, 15_000);
  const timers = await ctx.db.selectFrom('timers').selectAll().where('id', 'in', ids).execute();
  for (const timer of timers) {
    assert.equal(timer.status, 'done');
    assert.ok(
      timer.lateness_ms! >= restartedAt - dueAt.getTime(),
      `lateness ${timer.lateness_ms} ms recorded`,
    );
    assert.ok(timer.fired_at!.getTime() >= restartedAt);
  }
  const fires = await firesPerTimer(taskId);
  assert.equal(fires.size, 20, 'every timer fired');
  assert.deepEqual([...new Set(fires.values())], [1], 'each exactly once');
  await killHard(second);
});

test('two app processes on one PostgreSQL never fire a timer twice', { skip, timeout: 60_000 }, async () => {
  const [a, b] = await Promise.all([startApp(), startApp()]);
  const dueAt = new Date(Date.now() + 1500);
  const { taskId, ids } = await scheduleReminders(400, dueAt);
  await waitUntilFired(ids, 30_000);
  const fires = await firesPerTimer(taskId);
  assert.equal(fires.size, 400, 'every timer fired');
  assert.deepEqual([...new Set(fires.values())], [1], 'each exactly once');
  const done = await ctx.db
    .selectFrom('timers')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('id', 'in', ids)
    .where('status', '=', 'done')
    .executeTakeFirstOrThrow();
  assert.equal(Number(done.n), 400);
  await Promise.all([killHard(a), killHard(b)]);
});

test('a timer scheduled due now wakes the runner by NOTIFY instead of waiting for the next poll', {
  skip,
  timeout: 60_000,
}, async () => {
  const app = await startApp({ TIMER_POLL_MS: '60000' });
  await delay(500); // past the first pass at start-up; from here only a NOTIFY can wake it within the minute
  const { taskId } = await scheduleReminders(0, new Date());
  const promise = await ctx.db
    .selectFrom('task_promises')
    .select('id')
    .where('task_id', '=', taskId)
    .executeTakeFirstOrThrow();
  const scheduledAt = Date.now();
  await scheduleTimer(ctx.db, {
    kind: 'callback.review_reminder',
    dueAt: new Date(scheduledAt),
    payload: { taskId, promiseId: promise.id },
    dedupeKey: `wake:${taskId}`,
  });
  const timer = await ctx.db
    .selectFrom('timers')
    .select('id')
    .where('dedupe_key', '=', `wake:${taskId}`)
    .executeTakeFirstOrThrow();
  await waitUntilFired([timer.id], 10_000);
  assert.ok(Date.now() - scheduledAt < 10_000, 'fired long before the 60 s poll');
  assert.equal((await firesPerTimer(taskId)).get(timer.id), 1);
  await killHard(app);
});
