// Booking benchmark: (1) booking transactions per second through the service, against the same
// SQL statements sent as raw SQL in one transaction (one round trip) on the same database;
// (2) availability for 30 days × 50 members, median ms, against a per-window Temporal baseline.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { Temporal } from 'temporal-polyfill';
import { loadConfig } from '../src/config.ts';
import { withSigningSecret } from '../src/db/installation-secret.ts';
import type { DatabaseHandle } from '../src/db/client.ts';
import { openBenchDatabase } from './database.ts';
import { captureStatements, median, rawScriptRunner, transactionScript } from './replay.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import type { Database } from '../src/db/schema.ts';
import type { Deps } from '../src/deps.ts';
import { findActorByEmail } from '../src/http/auth.ts';
import { createFakeClock } from '../src/lib/clock.ts';
import {
  type DeskRules,
  describeAvailability,
  type WeeklyHours,
} from '../src/modules/booking/availability.ts';
import { bookCallback } from '../src/modules/callbacks/book.ts';
import { seedDemo } from '../src/seed/seed-demo.ts';

const bookings = Number(process.env.BENCH_BOOKINGS ?? 150);
const warmUp = 20;
const round = 10;

/** Escalations with an approved callback permission, written directly (setup, not measured). */
export async function prepareEscalations(db: Kysely<Database>, count: number) {
  const agent = await db
    .selectFrom('users as u')
    .innerJoin('sites as s', 's.id', 'u.site_id')
    .select(['u.id', 'u.name', 'u.email', 'u.site_id', 'u.supervisor_id', 's.slug'])
    .where('u.email', '=', 'agent.east@demo.test')
    .executeTakeFirstOrThrow();
  const job = await db
    .selectFrom('jobs')
    .select(['id', 'customer_id'])
    .where('number', '=', 'J-100100')
    .executeTakeFirstOrThrow();
  const reason = await db
    .selectFrom('escalation_reasons')
    .select('id')
    .where('code', '=', 'service_delay')
    .executeTakeFirstOrThrow();
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const id = randomUUID();
    ids.push(id);
    await db
      .insertInto('escalations')
      .values({
        id,
        job_id: job.id,
        customer_id: job.customer_id,
        site_id: agent.site_id!,
        raised_by: agent.id,
        summary: 'bench',
      })
      .execute();
    await db
      .insertInto('escalation_reason_links')
      .values({ escalation_id: id, reason_id: reason.id })
      .execute();
    await db
      .insertInto('callback_permissions')
      .values({
        escalation_id: id,
        site_id: agent.site_id!,
        requested_by: agent.id,
        requested_at: new Date(),
        supervisor_id: agent.supervisor_id!,
        status: 'approved',
        decided_at: new Date(),
        decided_by: agent.supervisor_id!,
      })
      .execute();
  }
  const actor = await findActorByEmail(db, 'agent.east@demo.test');
  if (!actor) throw new Error('the demo agent is missing');
  return { ids, actor };
}

/** The ids of the rows one booking made: its appointment, exception, task, promise and email. */
export async function madeIds(db: Kysely<Database>, body: Record<string, unknown>): Promise<string[]> {
  const { appointment, exception, task } = body as Record<
    'appointment' | 'exception' | 'task',
    { id: string }
  >;
  const promises = await db.selectFrom('task_promises').select('id').where('task_id', '=', task.id).execute();
  const mails = await db
    .selectFrom('outbound_messages')
    .select('id')
    .where('related_id', '=', appointment.id)
    .execute();
  return [appointment.id, exception.id, task.id, ...promises.map((p) => p.id), ...mails.map((m) => m.id)];
}

async function benchBooking(handle: DatabaseHandle) {
  const clock = createFakeClock('2026-11-26T15:00:00Z');
  const config = { ...(await withSigningSecret(loadConfig({}), handle.db)), publicUrl: 'http://bench.test' };
  // Plenty of places, so every booking succeeds and does the full work.
  await handle.db
    .updateTable('sites')
    .set({ callbacks_per_member: 100_000 })
    .where('slug', '=', 'east')
    .execute();
  // One escalation for the captured booking, one per booking through the service, and one per
  // replay (an escalation has one booked callback at a time).
  const { ids, actor } = await prepareEscalations(handle.db, 1 + 2 * (warmUp + bookings));
  const replayEscalations = ids.slice(1 + warmUp + bookings);
  const windows = ['2026-11-30T10:00:00-05:00', '2026-11-30T10:30:00-05:00', '2026-11-30T11:00:00-05:00'];

  // Capture the statements of one booking.
  const { result: captured0, statements } = await captureStatements(handle, (db) =>
    bookCallback({ db, clock, config }, actor, 'east', {
      escalationId: ids[0]!,
      start: windows[0]!,
      customerTimeZone: 'America/Chicago',
    }),
  );
  if (process.env.BENCH_SHOW)
    for (const q of statements) console.log(q.sql.replace(/\s+/g, ' ').slice(0, 150));
  const { script, count } = transactionScript(statements);
  // The rows a booking creates carry ids made by the app; each replay writes them under new ids,
  // and books an escalation of its own, so it does the same work as a booking (no unique key hit,
  // no row touched twice).
  const made = await madeIds(handle.db, captured0.body as Record<string, unknown>);
  const scripts = replayEscalations.map((escalationId) =>
    made.reduce((text, id) => text.replaceAll(id, randomUUID()), script).replaceAll(ids[0]!, escalationId),
  );
  let replayed = 0;
  const replay = () => raw(scripts[replayed++]!);

  const deps: Deps = { db: handle.db, clock, config };
  const raw = rawScriptRunner(handle);
  let next = 1;
  const book = () => {
    const i = next++;
    return bookCallback(deps, actor, 'east', {
      escalationId: ids[i]!,
      start: windows[i % windows.length]!,
      customerTimeZone: 'America/Chicago',
    });
  };
  // Both sides warm up first (JIT, plan and buffer caches), then run in alternating rounds, so that
  // neither gains from running first on smaller tables or loses to a cold start.
  for (let i = 0; i < warmUp; i++) {
    await book();
    await replay();
  }
  let serviceMs = 0;
  let rawMs = 0;
  const roundRatios: number[] = [];
  for (let done = 0; done < bookings; done += round) {
    const n = Math.min(round, bookings - done);
    const serviceStarted = performance.now();
    for (let i = 0; i < n; i++) await book();
    const serviceRound = performance.now() - serviceStarted;
    const rawStarted = performance.now();
    for (let i = 0; i < n; i++) await replay();
    const rawRound = performance.now() - rawStarted;
    serviceMs += serviceRound;
    rawMs += rawRound;
    roundRatios.push(rawRound / serviceRound);
  }
  const serviceRate = bookings / (serviceMs / 1000);
  const rawRate = bookings / (rawMs / 1000);
  const engine = handle.pglite ? 'PGlite' : 'PostgreSQL';
  console.log(`booking on ${engine}: ${count} statements per booking, ${bookings} bookings`);
  console.log(`  service (bookCallback):          ${serviceRate.toFixed(1)} bookings/s`);
  console.log(`  baseline (same SQL, one trip):   ${rawRate.toFixed(1)} bookings/s`);
  // Each round pairs the two sides back to back; the median round shrugs off a burst of noise
  // from elsewhere on the machine, which the totals above do not.
  console.log(
    `  ratio service/baseline:          ${median(roundRatios).toFixed(2)} median of ${roundRatios.length} rounds ` +
      `(${(serviceRate / rawRate).toFixed(2)} from the totals; goal >= 0.5)`,
  );
}

// --- availability ---------------------------------------------------------------------------

function fiftyMembers(): WeeklyHours[] {
  const hours: WeeklyHours[] = [];
  for (let m = 0; m < 50; m++) {
    for (let weekday = 1; weekday <= 7; weekday++) {
      // Staggered shifts so that capacity varies through the day.
      const start = 6 * 60 + (m % 8) * 60;
      hours.push({
        userId: `m${m}`,
        weekday,
        startMinute: start,
        endMinute: Math.min(1440, start + 8 * 60 + 30),
      });
    }
  }
  return hours;
}

/** The straightforward way: one Temporal conversion per window and per member check, for comparison. */
function naiveAvailability(rules: DeskRules, from: string, days: number, tz: string, now: Date) {
  const out: Array<{ date: string; windows: Array<{ start: string; end: string; remaining: number }> }> = [];
  const first = Temporal.PlainDate.from(from);
  const nowMs = now.getTime();
  for (let d = 0; d < days; d++) {
    const date = first.add({ days: d });
    const windows: Array<{ start: string; end: string; remaining: number }> = [];
    for (let k = 0; k * rules.windowMinutes < 1440; k++) {
      const minute = k * rules.windowMinutes;
      let start: Temporal.ZonedDateTime;
      try {
        start = date
          .toPlainDateTime({ hour: Math.floor(minute / 60), minute: minute % 60 })
          .toZonedDateTime(rules.siteZone, { disambiguation: 'reject' });
      } catch {
        continue;
      }
      const staffed = rules.schedules.filter(
        (s) =>
          s.weekday === date.dayOfWeek &&
          s.startMinute <= minute &&
          minute + rules.windowMinutes <= s.endMinute,
      ).length;
      const remaining = staffed * rules.callbacksPerMember - (rules.booked.get(start.epochMilliseconds) ?? 0);
      if (remaining <= 0 || start.epochMilliseconds < nowMs + rules.minNoticeMinutes * 60_000) continue;
      const end = start.add({ minutes: rules.windowMinutes });
      windows.push({
        start: start.withTimeZone(tz).toString({ timeZoneName: 'never' }),
        end: end.withTimeZone(tz).toString({ timeZoneName: 'never' }),
        remaining,
      });
    }
    out.push({ date: date.toString(), windows });
  }
  return out;
}

function time(runs: number, fn: () => unknown): number {
  for (let i = 0; i < 20; i++) fn(); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    fn();
    samples.push(performance.now() - started);
  }
  return median(samples);
}

function benchAvailability() {
  const now = new Date('2026-11-26T15:00:00Z');
  const booked = new Map<number, number>();
  for (let i = 0; i < 500; i++) booked.set(Date.parse('2026-11-27T13:00:00Z') + i * 30 * 60_000, 3);
  const rules: DeskRules = {
    siteZone: 'America/New_York',
    windowMinutes: 30,
    callbacksPerMember: 4,
    minNoticeMinutes: 30,
    horizonDays: 60,
    schedules: fiftyMembers(),
    exceptions: [{ userId: 'm3', date: '2026-12-01', kind: 'off', startMinute: null, endMinute: null }],
    booked,
  };
  const query = { from: '2026-11-27', days: 30, tz: 'America/Los_Angeles', now };
  const ours = time(200, () => describeAvailability(rules, query));
  const naive = time(20, () => naiveAvailability(rules, query.from, query.days, query.tz, now));
  const windows = describeAvailability(rules, query).reduce((n, d) => n + d.windows.length, 0);
  console.log(`availability, 30 days x 50 members (${windows} open windows):`);
  console.log(`  describeAvailability median:     ${ours.toFixed(3)} ms (goal < 5 ms)`);
  console.log(`  baseline (Temporal per window):  ${naive.toFixed(3)} ms`);
  console.log(`  ratio baseline/ours (speed-up):  ${(naive / ours).toFixed(1)}x`);
}

export async function run() {
  benchAvailability();
  const handle = await openBenchDatabase('booking', { max: 2 });
  try {
    await migrateToLatest(handle.db);
    await seedDemo(handle.db);
    await benchBooking(handle);
  } finally {
    await handle.close();
  }
}
