// Timer benchmark on PostgreSQL (`node bench/timers.ts`, or through `bench/run.ts`):
//  1. 100,000 appointments whose review reminder falls due at one instant, fired by one and by two
//     runner processes: seconds from due until all fired, each exactly once (distinct timer ids in
//     the events the reminders published). Also a no-op timer kind, for a like-for-like comparison.
//  2. pg-boss's own no-op job completion measured the same way in the same run: our throughput as
//     a ratio of it.
//  3. Booking throughput through the booking service (which starts the callback clock and queues
//     the confirmation mail) on an empty timers table and with 1,000,000 timers pending: >= 0.8.
// Env: BENCH_PG_URL (default TEST_PG_URL or postgres://postgres@127.0.0.1:5432/test),
// BENCH_TIMERS (100000), BENCH_PENDING (1000000), BENCH_BOOKINGS (120, per booking phase).
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { sql } from 'kysely';
import { PgBoss } from 'pg-boss';
import { loadConfig } from '../src/config.ts';
import { withSigningSecret } from '../src/db/installation-secret.ts';
import { type DatabaseHandle, openPostgres } from '../src/db/client.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import type { Deps } from '../src/deps.ts';
import { findActorByEmail } from '../src/http/auth.ts';
import { createFakeClock } from '../src/lib/clock.ts';
import { bookCallback } from '../src/modules/callbacks/book.ts';
import { seedDemo } from '../src/seed/seed-demo.ts';
import { createBenchDatabase } from './database.ts';

const root = path.resolve(import.meta.dirname, '..');
const count = Number(process.env.BENCH_TIMERS ?? 100_000);
const pendingCount = Number(process.env.BENCH_PENDING ?? 1_000_000);
const bookingCount = Number(process.env.BENCH_BOOKINGS ?? 120);

type Run = { label: string; processes: number; seconds: number; perSecond: number; exactlyOnce: boolean };

function log(line: string) {
  console.log(`[timers] ${line}`);
}

/** 100k booked callbacks (escalation, appointment, assigned task, first-contact promise) in four statements. */
async function insertCallbacks(handle: DatabaseHandle) {
  const db = handle.db;
  const ids = async (table: 'sites' | 'users' | 'teams', column: 'slug' | 'email' | 'name', value: string) =>
    // biome-ignore lint/suspicious/noExplicitAny: one look-up helper over three tables
    (await (db.selectFrom(table) as any).select('id').where(column, '=', value).executeTakeFirstOrThrow())
      .id as string;
  const site = await ids('sites', 'slug', 'east');
  const agent = await ids('users', 'email', 'agent.east@demo.test');
  const worker = await ids('users', 'email', 'cb.captive@demo.test');
  const team = await ids('teams', 'name', 'In-house Callbacks');
  const jobs = sql`(SELECT array_agg(id ORDER BY number) AS ids, array_agg(customer_id ORDER BY number) AS cs, count(*)::int AS n FROM jobs) j`;
  await sql`
    INSERT INTO escalations (id, job_id, customer_id, site_id, raised_by, summary, status)
    SELECT md5('esc' || g)::uuid, j.ids[1 + g % j.n], j.cs[1 + g % j.n], ${site}, ${agent}, 'bench', 'callback_booked'
    FROM generate_series(1, ${count}) g, ${jobs}`.execute(db);
  await sql`
    INSERT INTO appointments (id, site_id, escalation_id, customer_id, starts_at, ends_at, customer_time_zone, booked_by)
    SELECT md5('apt' || g)::uuid, ${site}, md5('esc' || g)::uuid, j.cs[1 + g % j.n],
      timestamptz '2030-01-07 16:00Z' + (g % 500) * interval '30 minutes',
      timestamptz '2030-01-07 16:30Z' + (g % 500) * interval '30 minutes', 'America/New_York', ${agent}
    FROM generate_series(1, ${count}) g, ${jobs}`.execute(db);
  await sql`
    INSERT INTO tasks (id, type, title, team_id, assignee_id, due_at, job_id, customer_id, appointment_id, escalation_id, created_by)
    SELECT md5('task' || g)::uuid, 'callback', 'Bench callback', ${team}, ${worker},
      timestamptz '2030-01-07 16:00Z' + (g % 500) * interval '30 minutes', j.ids[1 + g % j.n], j.cs[1 + g % j.n],
      md5('apt' || g)::uuid, md5('esc' || g)::uuid, ${agent}
    FROM generate_series(1, ${count}) g, ${jobs}`.execute(db);
  await sql`
    INSERT INTO task_promises (id, task_id, appointment_id, kind, due_at)
    SELECT md5('prom' || g)::uuid, md5('task' || g)::uuid, md5('apt' || g)::uuid, 'first_contact',
      timestamptz '2030-01-07 16:05Z' + (g % 500) * interval '30 minutes'
    FROM generate_series(1, ${count}) g`.execute(db);
  await sql`ANALYZE`.execute(db);
}

function spawnWorker(script: string, url: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [script], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: url, NODE_ENV: 'development' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    const timeout = setTimeout(() => reject(new Error(`${script} did not start`)), 30_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready')) {
        clearTimeout(timeout);
        resolve(child);
      }
    });
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
}

async function stopWorkers(children: ChildProcess[]) {
  await Promise.all(
    children.map((child) => {
      child.removeAllListeners('exit');
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      return exited.finally(() => clearTimeout(timer));
    }),
  );
}

/** Polls until `remaining()` is 0; returns when that happened (epoch ms). Bounded. */
async function waitForZero(remaining: () => Promise<number>, limitMs: number): Promise<number> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const left = await remaining();
    if (left === 0) return Date.now();
    if (Date.now() > deadline) throw new Error(`${left} left after ${limitMs} ms`);
    await delay(50);
  }
}

async function countOf(handle: DatabaseHandle, query: string): Promise<number> {
  const result = await handle.pool!.query(query);
  return Number(result.rows[0].n);
}

/** Runs `measure` with `processes` workers of `script` started, and always stops them. */
async function withWorkers<T>(script: string, url: string, processes: number, measure: () => Promise<T>) {
  const workers: ChildProcess[] = [];
  try {
    for (let i = 0; i < processes; i++) workers.push(await spawnWorker(script, url));
    return await measure();
  } finally {
    await stopWorkers(workers);
  }
}

/**
 * Makes everything inserted (far in the future) due at one instant, in one statement, and returns
 * when it became due: the instant itself, or the commit of the update if that came later (the rows
 * become visible to the workers at commit).
 */
async function makeDueSoon(handle: DatabaseHandle, update: string): Promise<number> {
  const dueAt = Date.now() + 2000;
  await handle.pool!.query(update, [new Date(dueAt).toISOString()]);
  return Math.max(dueAt, Date.now());
}

/** Our runner: `count` timers of `kind` due at one instant, fired by `processes` workers. */
async function runTimers(handle: DatabaseHandle, url: string, kind: string, processes: number): Promise<Run> {
  await sql`DELETE FROM timers WHERE dedupe_key LIKE 'bench:%'`.execute(handle.db);
  await sql`DELETE FROM events`.execute(handle.db);
  await sql`
    INSERT INTO timers (kind, due_at, payload, dedupe_key)
    SELECT ${kind}, timestamptz '2099-01-01',
      jsonb_build_object('taskId', md5('task' || g)::uuid, 'promiseId', md5('prom' || g)::uuid), 'bench:' || g
    FROM generate_series(1, ${count}) g`.execute(handle.db);
  await sql`VACUUM ANALYZE timers`.execute(handle.db);
  const { dueAt, finished } = await withWorkers('bench/timer-worker.ts', url, processes, async () => {
    const dueAt = await makeDueSoon(handle, `UPDATE timers SET due_at = $1 WHERE dedupe_key LIKE 'bench:%'`);
    const finished = await waitForZero(
      () =>
        countOf(
          handle,
          `SELECT count(*) AS n FROM timers WHERE dedupe_key LIKE 'bench:%' AND status = 'pending'`,
        ),
      240_000,
    );
    return { dueAt, finished };
  });
  const seconds = (finished - dueAt) / 1000;
  const done = await countOf(
    handle,
    `SELECT count(*) AS n FROM timers WHERE dedupe_key LIKE 'bench:%' AND status = 'done' AND attempts = 0`,
  );
  let exactlyOnce = done === count;
  if (kind === 'callback.review_reminder') {
    const fires = await handle.pool!.query(
      `SELECT count(*)::int AS total, count(DISTINCT data->>'timerId')::int AS distinct FROM events WHERE type = 'callback.reminder'`,
    );
    exactlyOnce = exactlyOnce && fires.rows[0].total === count && fires.rows[0].distinct === count;
  }
  const label = kind === 'bench.noop' ? 'timers (no-op handler)' : 'timers (review reminders)';
  return { label, processes, seconds, perSecond: count / seconds, exactlyOnce };
}

/** pg-boss: `count` no-op jobs due at one instant, completed by `processes` workers. */
async function runPgBoss(boss: PgBoss, handle: DatabaseHandle, url: string, processes: number): Promise<Run> {
  await handle.pool!.query(`DELETE FROM pgboss.job WHERE name = 'bench'`);
  for (let offset = 0; offset < count; offset += 10_000) {
    const jobs = Array.from({ length: Math.min(10_000, count - offset) }, (_, i) => ({
      data: { n: offset + i },
      startAfter: new Date('2099-01-01T00:00:00Z'),
    }));
    await boss.insert('bench', jobs);
  }
  await handle.pool!.query('VACUUM ANALYZE pgboss.job');
  const { dueAt, finished } = await withWorkers('bench/pgboss-worker.ts', url, processes, async () => {
    const dueAt = await makeDueSoon(handle, `UPDATE pgboss.job SET start_after = $1 WHERE name = 'bench'`);
    const finished = await waitForZero(
      () =>
        countOf(handle, `SELECT count(*) AS n FROM pgboss.job WHERE name = 'bench' AND state <> 'completed'`),
      240_000,
    );
    return { dueAt, finished };
  });
  const seconds = (finished - dueAt) / 1000;
  const completed = await countOf(
    handle,
    `SELECT count(*) AS n FROM pgboss.job WHERE name = 'bench' AND state = 'completed' AND retry_count = 0`,
  );
  return {
    label: 'pg-boss (no-op jobs)',
    processes,
    seconds,
    perSecond: count / seconds,
    exactlyOnce: completed === count,
  };
}

/** Escalations with an approved callback permission, ready to book (set-based setup, not measured). */
async function prepareEscalations(handle: DatabaseHandle, tag: string, howMany: number) {
  const db = handle.db;
  const agent = await db
    .selectFrom('users as u')
    .innerJoin('sites as s', 's.id', 'u.site_id')
    .select(['u.id', 'u.name', 'u.email', 'u.site_id', 'u.supervisor_id', 's.slug'])
    .where('u.email', '=', 'agent.east@demo.test')
    .executeTakeFirstOrThrow();
  const rows = await sql<{ id: string }>`
    WITH job AS (SELECT id, customer_id FROM jobs WHERE number = 'J-100100'),
    inserted AS (
      INSERT INTO escalations (id, job_id, customer_id, site_id, raised_by, summary)
      SELECT md5(${tag} || g)::uuid, job.id, job.customer_id, ${agent.site_id}, ${agent.id}, 'bench'
      FROM generate_series(1, ${howMany}) g, job
      RETURNING id
    )
    SELECT id FROM inserted`.execute(db);
  const ids = rows.rows.map((r) => r.id);
  await sql`
    INSERT INTO escalation_reason_links (escalation_id, reason_id)
    SELECT e, (SELECT id FROM escalation_reasons WHERE code = 'service_delay') FROM unnest(${ids}::uuid[]) e`.execute(
    db,
  );
  await sql`
    INSERT INTO callback_permissions (escalation_id, site_id, requested_by, requested_at, supervisor_id, status, decided_at, decided_by)
    SELECT e, ${agent.site_id}, ${agent.id}, now(), ${agent.supervisor_id}, 'approved', now(), ${agent.supervisor_id}
    FROM unnest(${ids}::uuid[]) e`.execute(db);
  const actor = await findActorByEmail(db, 'agent.east@demo.test');
  if (!actor) throw new Error('the demo agent is missing');
  return { ids, actor };
}

/**
 * Booking throughput through the booking service itself (`bookCallback`: the window counter, the
 * appointment, the exception and routed task, the callback clock's promise and timers, the
 * confirmation mail and its delivery timer), one booking after another.
 */
async function measureBookings(handle: DatabaseHandle, tag: string): Promise<number> {
  const { ids, actor } = await prepareEscalations(handle, tag, bookingCount);
  await sql`ANALYZE`.execute(handle.db);
  const deps: Deps = {
    db: handle.db,
    clock: createFakeClock('2026-11-26T15:00:00Z'),
    config: { ...(await withSigningSecret(loadConfig({}), handle.db)), publicUrl: 'http://bench.test' },
  };
  const windows = ['2026-11-30T10:00:00-05:00', '2026-11-30T10:30:00-05:00', '2026-11-30T11:00:00-05:00'];
  const started = performance.now();
  for (const [i, escalationId] of ids.entries()) {
    const result = await bookCallback(deps, actor, 'east', {
      escalationId,
      start: windows[i % windows.length],
      customerTimeZone: 'America/Chicago',
    });
    if (result.status !== 201) throw new Error(`booking failed: ${JSON.stringify(result.body)}`);
  }
  return ids.length / ((performance.now() - started) / 1000);
}

export async function benchTimers() {
  const database = await createBenchDatabase('timers');
  const handle = await openPostgres(database.url, { max: 8 });
  try {
    const started = Date.now();
    await migrateToLatest(handle.db);
    await seedDemo(handle.db);
    await insertCallbacks(handle);
    log(`${count} booked callbacks written in ${((Date.now() - started) / 1000).toFixed(1)} s`);

    // Plenty of places, so every booking succeeds and does the full work.
    await sql`UPDATE sites SET callbacks_per_member = 1000000 WHERE slug = 'east'`.execute(handle.db);
    await sql`VACUUM ANALYZE timers`.execute(handle.db);
    // A first, unmeasured run warms up the code and the caches, so that "empty" is not also "cold".
    await measureBookings(handle, 'warm-up');
    const empty = await measureBookings(handle, 'empty');
    log(`booking (bookCallback), empty timers table: ${empty.toFixed(1)} bookings/s`);
    const filled = Date.now();
    await sql`
      INSERT INTO timers (kind, due_at, payload, dedupe_key)
      SELECT 'callback.review_reminder', now() + interval '1 day' + g * interval '1 second', '{}'::jsonb,
        'task:' || lpad(g::text, 12, '0') || ':cb:' || g || ':reminder'
      FROM generate_series(1, ${pendingCount}) g`.execute(handle.db);
    await sql`ANALYZE timers`.execute(handle.db);
    log(`${pendingCount} pending timers added in ${((Date.now() - filled) / 1000).toFixed(1)} s`);
    const loaded = await measureBookings(handle, 'loaded');
    const ratio = loaded / empty;
    log(
      `booking (bookCallback), ${pendingCount} timers pending: ${loaded.toFixed(1)} bookings/s = ${ratio.toFixed(2)} of empty (goal >= 0.8)`,
    );
    // The timer runs below happen with the million timers still pending in the future; the
    // confirmation mails queued above are not part of them.
    await sql`DELETE FROM timers WHERE kind = 'mail.deliver'`.execute(handle.db);
    const boss = new PgBoss({ connectionString: database.url, max: 4, schedule: false, supervise: false });
    boss.on('error', (error) => log(`pg-boss: ${error.message}`));
    await boss.start();
    await boss.createQueue('bench');

    const runs: Run[] = [];
    for (const processes of [1, 2]) {
      runs.push(await runPgBoss(boss, handle, database.url, processes));
      runs.push(await runTimers(handle, database.url, 'bench.noop', processes));
      runs.push(await runTimers(handle, database.url, 'callback.review_reminder', processes));
      for (const run of runs.slice(-3)) {
        log(
          `${run.label}, ${run.processes} process(es): all ${count} fired ${run.seconds.toFixed(2)} s after due, ${Math.round(run.perSecond)}/s, exactly once: ${run.exactlyOnce}`,
        );
      }
    }
    await boss.stop({ graceful: false });
    const ratios = runs
      .filter((r) => !r.label.startsWith('pg-boss'))
      .map((r) => {
        const boss = runs.find((b) => b.label.startsWith('pg-boss') && b.processes === r.processes)!;
        return { label: r.label, processes: r.processes, ratioToPgBoss: r.perSecond / boss.perSecond };
      });
    for (const r of ratios)
      log(`${r.label}, ${r.processes} process(es): ${r.ratioToPgBoss.toFixed(2)} × pg-boss throughput`);

    log(`total ${((Date.now() - started) / 1000).toFixed(0)} s`);
    return { runs, ratios, booking: { empty, withPending: loaded, ratio, pending: pendingCount } };
  } finally {
    await handle.close();
    await database.drop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await benchTimers();
  console.log(JSON.stringify(result, null, 2));
  process.exit(0);
}
