import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Db } from '../../db/client.ts';
import type { CallEventsTable } from './tables.ts';

export type CallEventRow = Selectable<CallEventsTable>;

/** Records a call event once: null when this (callId, event) was received before. */
export async function insertCallEvent(db: Db, row: Insertable<CallEventsTable>) {
  return (
    (await db
      .insertInto('call_events')
      .values(row)
      .onConflict((oc) => oc.columns(['call_id', 'event']).doNothing())
      .returningAll()
      .executeTakeFirst()) ?? null
  );
}

export function findCallEvent(db: Db, callId: string, event: string) {
  return db
    .selectFrom('call_events')
    .selectAll()
    .where('call_id', '=', callId)
    .where('event', '=', event)
    .executeTakeFirst();
}

/**
 * Takes over an event whose first delivery stopped while applying it (the process died, or the
 * database went away) and was not settled before `staleBefore`; null when it is not stale.
 */
export async function retakeStaleCallEvent(db: Db, id: string, staleBefore: Date, now: Date) {
  return (
    (await db
      .updateTable('call_events')
      .set({ received_at: now })
      .where('id', '=', id)
      .where('status', '=', 'applying')
      .where('received_at', '<', staleBefore)
      .returningAll()
      .executeTakeFirst()) ?? null
  );
}

export async function settleCallEvent(db: Db, id: string, set: Updateable<CallEventsTable>) {
  return db.updateTable('call_events').set(set).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

/** Events kept for review (matched nothing, or refused), newest first. */
export function listCallEventsForReview(db: Db, limit: number) {
  return db
    .selectFrom('call_events')
    .selectAll()
    .where('status', 'in', ['unmatched', 'refused'])
    .orderBy('received_at', 'desc')
    .orderBy('id')
    .limit(limit)
    .execute();
}
