import type { Db } from '../../db/client.ts';

export function findInboundByMessageId(db: Db, messageId: string) {
  return db
    .selectFrom('inbound_messages')
    .select(['id', 'task_id as taskId'])
    .where('message_id', '=', messageId)
    .executeTakeFirst();
}

export async function insertInboundMessage(
  db: Db,
  row: {
    messageId: string | null;
    mailFrom: string;
    rcptTo: string;
    subject: string;
    sizeBytes: number;
    taskId: string;
    receivedAt: Date;
  },
) {
  await db
    .insertInto('inbound_messages')
    .values({
      message_id: row.messageId,
      mail_from: row.mailFrom,
      rcpt_to: row.rcptTo,
      subject: row.subject,
      size_bytes: row.sizeBytes,
      task_id: row.taskId,
      received_at: row.receivedAt,
    })
    .execute();
}
