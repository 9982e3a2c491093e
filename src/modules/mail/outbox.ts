import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../db/client.ts';
import { type BehindWrite, writeBehind } from '../../db/write-behind.ts';
import { scheduleTimers, timersChannel } from '../../jobs/timers.ts';

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

function messageRow(id: string, mail: OutgoingMail) {
  return {
    id,
    to_address: mail.to,
    subject: mail.subject,
    text_body: mail.text,
    html_body: mail.html ?? null,
    calendar: mail.calendar ? JSON.stringify(mail.calendar) : null,
    purpose: mail.purpose,
    related_id: mail.relatedId ?? null,
  };
}

/** Messages written behind a transaction (see `withWritesBehind`); their timers go with the timers. */
const messagesBehind: BehindWrite<ReturnType<typeof messageRow>> = {
  write: (db, rows) => db.insertInto('outbound_messages').values(rows).returning('id'),
};

/**
 * Writes the mail in the caller's transaction with a delivery timer: if the transaction rolls back
 * nothing is sent, and once committed the mail is delivered (or kept) even if the process dies.
 */
export async function enqueueMail(db: Db, mail: OutgoingMail, now: Date): Promise<string> {
  const id = randomUUID();
  const delivery = { kind: 'mail.deliver', dueAt: now, payload: { messageId: id }, dedupeKey: `mail:${id}` };
  if (writeBehind(db, messagesBehind, [messageRow(id, mail)])) {
    await scheduleTimers(db, [delivery]);
    return id;
  }
  // One round trip: the message, its delivery timer (as `scheduleTimer` writes it) and the wake-up.
  await sql`
    WITH message AS (
      INSERT INTO outbound_messages (id, to_address, subject, text_body, html_body, calendar, purpose, related_id)
      VALUES (${id}, ${mail.to}, ${mail.subject}, ${mail.text}, ${mail.html ?? null},
        ${mail.calendar ? JSON.stringify(mail.calendar) : null}::jsonb, ${mail.purpose}, ${mail.relatedId ?? null})
      RETURNING id
    ), timer AS (
      INSERT INTO timers (kind, due_at, payload, dedupe_key)
      SELECT ${delivery.kind}, ${now.toISOString()}::timestamptz, jsonb_build_object('messageId', id), 'mail:' || id
      FROM message
      ON CONFLICT (dedupe_key) DO NOTHING
      RETURNING due_at
    )
    SELECT message.id,
      (SELECT count(pg_notify(${timersChannel}, '')) FROM timer
        WHERE due_at <= clock_timestamp() + interval '2 seconds') AS woken
    FROM message`.execute(db);
  return id;
}
