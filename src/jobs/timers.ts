import { sql } from 'kysely';
import type { Db } from '../db/client.ts';

/** Channel on which a committed timer that is due (almost) now wakes every runner at once. */
export const timersChannel = 'ed_timers';

export type NewTimer = {
  kind: string;
  dueAt: Date;
  payload?: Record<string, unknown>;
  /** A timer with the same key is never scheduled twice, even after it fired (the first one wins). */
  dedupeKey?: string;
};

/**
 * Schedules a durable timer in the caller's transaction (one round trip). A timer due within a
 * couple of seconds also NOTIFYs the runners, delivered at commit, so it fires without waiting
 * for the next poll.
 */
export async function scheduleTimer(db: Db, timer: NewTimer): Promise<void> {
  await scheduleTimers(db, [timer]);
}

function insertTimers(timers: NewTimer[]) {
  const rows = timers.map(
    (timer) =>
      sql`(${timer.kind}, ${timer.dueAt.toISOString()}::timestamptz, ${JSON.stringify(timer.payload ?? {})}::jsonb, ${timer.dedupeKey ?? null})`,
  );
  return sql`
    INSERT INTO timers (kind, due_at, payload, dedupe_key)
    VALUES ${sql.join(rows)}
    ON CONFLICT (dedupe_key) DO NOTHING
    RETURNING due_at`;
}

/**
 * Schedules several durable timers in one statement (one round trip), as `scheduleTimer` does for
 * one: a key already used is skipped, and a timer due within a couple of seconds NOTIFYs the runners.
 */
export async function scheduleTimers(db: Db, timers: NewTimer[]): Promise<void> {
  if (!timers.length) return;
  await sql`
    WITH inserted AS (${insertTimers(timers)})
    SELECT count(CASE WHEN due_at <= clock_timestamp() + interval '2 seconds'
      THEN pg_notify(${timersChannel}, '') END)
    FROM inserted`.execute(db);
}

/**
 * Cancels pending timers whose dedupe key starts with the prefix (e.g. every timer of a task).
 * An index range on pending keys (`timers_pending_key_idx`), never a scan of the whole table.
 */
export async function cancelTimers(db: Db, dedupeKeyPrefix: string): Promise<number> {
  const result = await db
    .updateTable('timers')
    .set({ status: 'cancelled' })
    .where('status', '=', 'pending')
    .where('dedupe_key', 'like', `${dedupeKeyPrefix.replace(/[%_\\]/g, '\\$&')}%`)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export type ClaimedTimer = {
  id: string;
  kind: string;
  payload: Record<string, unknown>;
  due_at: Date;
  /** Failed runs before this one. */
  attempts: number;
};

/**
 * Locks up to `limit` due timers inside the caller's transaction, oldest first. The row locks are
 * the lease: other processes skip them (SKIP LOCKED), and if this process dies its connection
 * closes, the transaction rolls back and the timers are due again at once, with nothing applied.
 * A walk of `timers_due_idx` (pending rows by due time) that stops at `now`, so a million timers
 * pending in the future cost nothing.
 */
export async function claimDueTimers(tx: Db, now: Date, limit: number): Promise<ClaimedTimer[]> {
  const result = await sql<ClaimedTimer>`
    SELECT id, kind, payload, due_at, attempts FROM timers
    WHERE status = 'pending' AND due_at <= ${now.toISOString()}::timestamptz
    ORDER BY due_at
    LIMIT ${limit}
    FOR UPDATE SKIP LOCKED`.execute(tx);
  return result.rows.map((row) => ({ ...row, due_at: new Date(row.due_at) }));
}

/** Locks one timer if it is still pending and due (the slow path runs timers one by one). */
export async function claimTimer(tx: Db, id: string, now: Date): Promise<ClaimedTimer | undefined> {
  const result = await sql<ClaimedTimer>`
    SELECT id, kind, payload, due_at, attempts FROM timers
    WHERE id = ${id} AND status = 'pending' AND due_at <= ${now.toISOString()}::timestamptz
    FOR UPDATE SKIP LOCKED`.execute(tx);
  const row = result.rows[0];
  return row ? { ...row, due_at: new Date(row.due_at) } : undefined;
}

export type Firing = { id: string; firedAt: Date; dueAt: Date };

/** Marks timers done with when they fired and how late (one statement for the whole batch). */
export async function markTimersDone(tx: Db, firings: Firing[]): Promise<void> {
  if (!firings.length) return;
  const ids = firings.map((f) => f.id);
  const firedAt = firings.map((f) => f.firedAt.toISOString());
  const lateness = firings.map((f) => Math.max(0, f.firedAt.getTime() - f.dueAt.getTime()));
  await sql`
    UPDATE timers SET status = 'done', fired_at = f.fired_at, lateness_ms = f.lateness_ms, locked_until = NULL
    FROM unnest(${ids}::uuid[], ${firedAt}::timestamptz[], ${lateness}::int[]) AS f(id, fired_at, lateness_ms)
    WHERE timers.id = f.id`.execute(tx);
}

/** After a failure: retry later with exponential backoff, or give up after `maxAttempts`. */
export async function markTimerFailed(
  tx: Db,
  timer: ClaimedTimer,
  now: Date,
  error: string,
  maxAttempts: number,
): Promise<void> {
  const attempts = timer.attempts + 1;
  const isFinal = attempts >= maxAttempts;
  const backoffMs = Math.min(15 * 60_000, 2 ** attempts * 1000);
  await tx
    .updateTable('timers')
    .set({
      status: isFinal ? 'failed' : 'pending',
      attempts,
      last_error: error.slice(0, 2000),
      locked_until: null,
      due_at: isFinal ? timer.due_at : new Date(now.getTime() + backoffMs),
    })
    .where('id', '=', timer.id)
    .execute();
}
