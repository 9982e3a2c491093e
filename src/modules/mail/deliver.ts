import nodemailer from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer/index.js';
import type { Db } from '../../db/client.ts';
import type { Deps } from '../../deps.ts';
import { type ClaimedTimer, scheduleTimer } from '../../jobs/timers.ts';
import { buildRawMessage, composeMessage, parseMailbox } from './compose.ts';
import * as repo from './repo.ts';

const transports = new Map<string, Mail>();
const maxBackoffMs = 15 * 60_000;

function transportFor(smtpUrl: string): Mail {
  let transport = transports.get(smtpUrl);
  if (!transport) {
    // Delivery runs inside the timer's transaction (on PGlite, the only connection), so a mail
    // server that does not answer must fail fast and be retried, not hold it for nodemailer's
    // default two minutes. Options in the URL's query still win.
    transport = nodemailer.createTransport({
      url: smtpUrl,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    } as Parameters<typeof nodemailer.createTransport>[0]);
    transports.set(smtpUrl, transport);
  }
  return transport;
}

/**
 * The `mail.deliver` timer (registered `isolated`: one message per transaction): builds the MIME
 * source, sends it when SMTP_URL is set (else keeps it for the built-in mailbox) and marks it in
 * the timer's transaction, which holds the message's row lock throughout. An SMTP failure leaves
 * the message pending with its attempts and error, and schedules the next try with backoff; a
 * message already sent or kept is never sent again. The Message-ID is fixed per message, so receivers can spot a rare duplicate
 * (the server accepted but our commit failed).
 */
export async function deliverMail(deps: Deps, tx: Db, timer: ClaimedTimer): Promise<void> {
  const id = String(timer.payload.messageId ?? '');
  const message = await repo.lockMessage(tx, id);
  if (!message || message.status === 'sent' || message.status === 'kept') return;
  const options = composeMessage(
    { ...message, calendar: message.calendar as Record<string, unknown> | null },
    deps.config.mailFrom,
  );
  const raw = await buildRawMessage(options);
  const smtpUrl = deps.config.smtpUrl;
  const attempts = message.attempts + 1;
  if (smtpUrl) {
    try {
      await transportFor(smtpUrl).sendMail({
        envelope: { from: parseMailbox(deps.config.mailFrom).email, to: [message.to_address] },
        raw,
      });
    } catch (error) {
      await scheduleRetry(deps, tx, id, attempts, error);
      return;
    }
  }
  await repo.markDelivered(tx, id, {
    status: smtpUrl ? 'sent' : 'kept',
    raw,
    messageId: String(options.messageId),
    attempts,
    at: deps.clock.now(),
  });
}

/** Mail is never given up on: each failure is recorded on the message and retried with backoff. */
async function scheduleRetry(deps: Deps, tx: Db, id: string, attempts: number, error: unknown) {
  const reason = error instanceof Error ? error.message : String(error);
  const delayMs = Math.min(maxBackoffMs, 2 ** attempts * 1000);
  await repo.recordFailedAttempt(tx, id, attempts, reason);
  await scheduleTimer(tx, {
    kind: 'mail.deliver',
    dueAt: new Date(deps.clock.now().getTime() + delayMs),
    payload: { messageId: id },
    dedupeKey: `mail:${id}:retry:${attempts}`,
  });
}
