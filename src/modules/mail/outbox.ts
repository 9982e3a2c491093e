import type { Db } from '../../db/client.ts';
import { sql } from 'kysely';
import { timersChannel } from '../../jobs/timers.ts';

export type OutgoingMail = {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** An iCalendar invite (METHOD:REQUEST or CANCEL) sent with nodemailer's icalEvent. */
  calendar?: { method: 'REQUEST' | 'CANCEL'; content: string; filename?: string };
  /** What the mail is for (booking_confirmation, reschedule_request, …) and the row it concerns. */
  purpose: string;
  relatedId?: string;
};

/**
 * Writes the mail in the caller's transaction with a delivery timer: if the transaction rolls back
 * nothing is sent, and once committed the mail is delivered (or kept) even if the process dies.
 */
export async function enqueueMail(db: Db, mail: OutgoingMail, now: Date): Promise<string> {
  // One round trip: the message, its delivery timer (as `scheduleTimer` writes it) and the wake-up.
  const result = await sql<{ id: string }>`
    WITH message AS (
      INSERT INTO outbound_messages (to_address, subject, text_body, html_body, calendar, purpose, related_id)
      VALUES (${mail.to}, ${mail.subject}, ${mail.text}, ${mail.html ?? null},
        ${mail.calendar ? JSON.stringify(mail.calendar) : null}::jsonb, ${mail.purpose}, ${mail.relatedId ?? null})
      RETURNING id
    ), timer AS (
      INSERT INTO timers (kind, due_at, payload, dedupe_key)
      SELECT 'mail.deliver', ${now.toISOString()}::timestamptz, jsonb_build_object('messageId', id), 'mail:' || id
      FROM message
      ON CONFLICT (dedupe_key) DO NOTHING
      RETURNING due_at
    )
    SELECT message.id,
      (SELECT count(pg_notify(${timersChannel}, '')) FROM timer
        WHERE due_at <= clock_timestamp() + interval '2 seconds') AS woken
    FROM message`.execute(db);
  return result.rows[0]!.id;
}
