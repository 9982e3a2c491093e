import type { Deps } from '../../deps.ts';
import * as repo from './repo.ts';

/** The outbox as the mailbox shows it, newest first: kept (no SMTP), sent, or still pending. */
export async function listMailbox(deps: Pick<Deps, 'db'>, limit = 200) {
  const rows = await repo.listMessages(deps.db, limit);
  return rows.map((row) => ({
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
  }));
}
