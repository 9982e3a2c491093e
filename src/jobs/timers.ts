import { sql } from 'kysely';
import type { Db } from '../db/client.ts';

export type NewTimer = {
  kind: string;
  dueAt: Date;
  payload?: Record<string, unknown>;
  /** A timer with the same key is not scheduled twice (the first one wins). */
  dedupeKey?: string;
};

/** Schedules a durable timer in the caller's transaction. */
export async function scheduleTimer(db: Db, timer: NewTimer): Promise<void> {
  await db
    .insertInto('timers')
    .values({
      kind: timer.kind,
      due_at: timer.dueAt,
      payload: JSON.stringify(timer.payload ?? {}),
      dedupe_key: timer.dedupeKey ?? null,
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .execute();
}

/** Cancels pending timers whose dedupe key starts with the prefix (e.g. every timer of a task). */
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
  attempts: number;
};

/**
 * Claims up to `limit` due timers for this process: rows another process holds are skipped, and the
 * lease (`locked_until`) lets a timer whose process died be claimed again after it expires.
 */
export async function claimDueTimers(
  db: Db,
  now: Date,
  limit: number,
  leaseMs = 60_000,
): Promise<ClaimedTimer[]> {
  const leaseUntil = new Date(now.getTime() + leaseMs);
  const result = await sql<ClaimedTimer>`
    UPDATE timers SET locked_until = ${leaseUntil}, attempts = attempts + 1
    WHERE id IN (
      SELECT id FROM timers
      WHERE status = 'pending' AND due_at <= ${now} AND (locked_until IS NULL OR locked_until < ${now})
      ORDER BY due_at
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    )
    RETURNING id, kind, payload, due_at, attempts`.execute(db);
  return result.rows;
}

export async function markTimerDone(db: Db, id: string, firedAt: Date, dueAt: Date): Promise<void> {
  await db
    .updateTable('timers')
    .set({ status: 'done', fired_at: firedAt, lateness_ms: Math.max(0, firedAt.getTime() - dueAt.getTime()) })
    .where('id', '=', id)
    .execute();
}

/** After a failure: retry later with exponential backoff, or give up after `maxAttempts`. */
export async function markTimerFailed(
  db: Db,
  timer: ClaimedTimer,
  now: Date,
  error: string,
  maxAttempts: number,
): Promise<void> {
  const isFinal = timer.attempts >= maxAttempts;
  const backoffMs = Math.min(15 * 60_000, 2 ** timer.attempts * 1000);
  await db
    .updateTable('timers')
    .set({
      status: isFinal ? 'failed' : 'pending',
      last_error: error.slice(0, 2000),
      locked_until: null,
      due_at: isFinal ? timer.due_at : new Date(now.getTime() + backoffMs),
    })
    .where('id', '=', timer.id)
    .execute();
}
