import type { Deps } from '../../deps.ts';
import { readMessage } from './read.ts';
import * as repo from './repo.ts';

/** The outbox as the mailbox shows it, newest first: kept (no SMTP), sent, or still pending. */
export async function listMailbox(deps: Pick<Deps, 'db'>, limit = 200) {
  const rows = await repo.listMessages(deps.db, limit);
  return Promise.all(rows.map(async (row) => ({ ...(await readableParts(row)), ...describe(row) })));
}

/** What the reader sees: decoded from the source as sent; a message not yet built shows its stored text. */
async function readableParts(row: { raw: string | null; text_body: string }) {
  if (row.raw) return readMessage(row.raw);
  return { from: null, date: null, text: row.text_body, attachments: [] };
}

function describe(row: repo.MessageRow) {
  return {
    id: row.id,
    to: row.to_address,
    subject: row.subject,
    status: row.status,
    purpose: row.purpose,
    relatedId: row.related_id,
    messageId: row.message_id,
    raw: row.raw,
    createdAt: row.created_at,
    sentAt: row.sent_at,
    attempts: row.attempts,
    lastError: row.last_error,
    nextAttemptAt: row.status === 'pending' ? (row.next_attempt_at ?? null) : null,
  };
}
