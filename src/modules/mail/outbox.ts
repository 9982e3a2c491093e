import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/client.ts';
import { scheduleTimer } from '../../jobs/timers.ts';

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

/**
 * Writes the mail in the caller's transaction with a delivery timer: if the transaction rolls back
 * nothing is sent, and once committed the mail is delivered (or kept) even if the process dies.
 */
export async function enqueueMail(db: Db, mail: OutgoingMail, now: Date): Promise<string> {
  const id = randomUUID();
  const delivery = { kind: 'mail.deliver', dueAt: now, payload: { messageId: id }, dedupeKey: `mail:${id}` };
  await db.insertInto('outbound_messages').values(messageRow(id, mail)).execute();
  await scheduleTimer(db, delivery);
  return id;
}
