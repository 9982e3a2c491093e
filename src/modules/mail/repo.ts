import { sql } from 'kysely';
import type { Db } from '../../db/client.ts';

/** Locks the message for this delivery attempt; another process holding it makes this one wait. */
export function lockMessage(db: Db, id: string) {
  return db
    .selectFrom('outbound_messages')
    .select([
      'id',
      'to_address',
      'subject',
      'text_body',
      'html_body',
      'calendar',
      'status',
      'attempts',
      'created_at',
    ])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export async function markDelivered(
  db: Db,
  id: string,
  change: { status: 'sent' | 'kept'; raw: string; messageId: string; attempts: number; at: Date },
) {
  await db
    .updateTable('outbound_messages')
    .set({
      status: change.status,
      raw: change.raw,
      message_id: change.messageId,
      attempts: change.attempts,
      last_error: null,
      sent_at: change.at,
    })
    .where('id', '=', id)
    .execute();
}

export async function recordFailedAttempt(db: Db, id: string, attempts: number, error: string) {
  await db
    .updateTable('outbound_messages')
    .set({ attempts, last_error: error.slice(0, 2000) })
    .where('id', '=', id)
    .execute();
}

export type MessageRow = Awaited<ReturnType<typeof listMessages>>[number];

/** Messages newest first, with when the next delivery attempt is due if still pending. */
export function listMessages(db: Db, limit: number) {
  return db
    .selectFrom('outbound_messages as m')
    .select([
      'm.id',
      'm.to_address',
      'm.subject',
      'm.status',
      'm.raw',
      'm.text_body',
      'm.purpose',
      'm.related_id',
      'm.message_id',
      'm.created_at',
      'm.sent_at',
      'm.attempts',
      'm.last_error',
      (eb) =>
        eb
          .selectFrom('timers as t')
          .select((inner) => inner.fn.min('t.due_at').as('due'))
          .where('t.kind', '=', 'mail.deliver')
          .where('t.status', '=', 'pending')
          .where(sql<boolean>`t.payload->>'messageId' = m.id::text`)
          .as('next_attempt_at'),
    ])
    .orderBy('m.created_at', 'desc')
    .orderBy('m.id', 'desc')
    .limit(limit)
    .execute();
}
