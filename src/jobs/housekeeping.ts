import { sql } from 'kysely';
import type { Db } from '../db/client.ts';
import { purgeExpiredIdempotencyKeys } from '../db/idempotency.ts';
import type { Deps } from '../deps.ts';
import { forgetOldDeliveries } from '../modules/webhooks/service.ts';
import { scheduleTimer } from './timers.ts';

export const housekeepingKind = 'housekeeping.purge';

/** How long finished rows are kept: long enough to inspect, short enough that tables stay small. */
export const retention = {
  /** Done and cancelled timers (their dedupe keys guard against re-scheduling only while work is live). */
  timerDays: 30,
  /** Live events: SSE replays at most a day, so a week is generous. */
  eventDays: 7,
  /** Delivered and failed webhook deliveries: the delivery log admins read and replay from. */
  webhookDeliveryDays: 30,
};

const dayMs = 86_400_000;

/**
 * Schedules the next daily purge. Every process calls this at start; the dedupe key (the UTC day)
 * makes one timer per day however many processes start.
 */
export async function scheduleHousekeeping(db: Db, now: Date): Promise<void> {
  const next = new Date(Math.ceil(now.getTime() / dayMs) * dayMs + 3 * 3_600_000);
  const dueAt = next.getTime() - now.getTime() > dayMs ? new Date(next.getTime() - dayMs) : next;
  await scheduleTimer(db, {
    kind: housekeepingKind,
    dueAt,
    dedupeKey: `housekeeping:${dueAt.toISOString().slice(0, 10)}`,
  });
}

/**
 * The daily purge: finished timers, old live events, expired sessions, old sign-in failures,
 * expired idempotency keys (whose answers are no longer replayed anyway) and old webhook deliveries.
 * Failed timers are kept for people to look at. Then schedules tomorrow's run.
 */
export async function purgeFinishedRecords(deps: Deps, tx: Db): Promise<void> {
  const now = deps.clock.now();
  const timerCutoff = new Date(now.getTime() - retention.timerDays * dayMs);
  const eventCutoff = new Date(now.getTime() - retention.eventDays * dayMs);
  await sql`DELETE FROM timers WHERE status IN ('done', 'cancelled')
    AND COALESCE(fired_at, due_at) < ${timerCutoff.toISOString()}::timestamptz`.execute(tx);
  await tx.deleteFrom('events').where('created_at', '<', eventCutoff).execute();
  await tx.deleteFrom('sessions').where('expires_at', '<', now).execute();
  // Sign-in throttling looks back minutes; a day-old failure counts for nothing.
  await tx
    .deleteFrom('sign_in_failures')
    .where('failed_at', '<', new Date(now.getTime() - dayMs))
    .execute();
  await purgeExpiredIdempotencyKeys(tx, now);
  await forgetOldDeliveries(tx, new Date(now.getTime() - retention.webhookDeliveryDays * dayMs));
  await scheduleHousekeeping(tx, new Date(now.getTime() + 60_000));
}
