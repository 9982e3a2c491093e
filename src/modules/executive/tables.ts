import type { Generated } from 'kysely';
import type { Timestamp } from '../../db/schema.ts';

/** A message accepted by the inbound SMTP listener and the task it opened. */
export interface InboundMessagesTable {
  id: Generated<string>;
  /** The Message-ID header; a retried delivery of the same id opens no second case. */
  message_id: string | null;
  mail_from: string;
  rcpt_to: string;
  subject: string;
  size_bytes: number;
  task_id: string | null;
  received_at: Timestamp;
}

export interface ExecutiveTables {
  inbound_messages: InboundMessagesTable;
}
