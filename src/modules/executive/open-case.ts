import type { Deps } from '../../deps.ts';
import { findJob } from '../jobs/service.ts';
import { createRoutedTask } from '../tasks/create-routed-task.ts';
import type { InboundMail } from './inbound-smtp.ts';
import * as repo from './repo.ts';

const maxBodyChars = 20000;

/** A job number mentioned in the mail (`J-100123`), so the case lands on the job's timeline. */
function mentionedJobNumber(mail: InboundMail): string | null {
  return /\bJ-\d{4,}\b/i.exec(`${mail.subject}\n${mail.text}`)?.[0].toUpperCase() ?? null;
}

/**
 * Opens an `executive_case` task from a mail to the executive-escalations address, routed by the
 * rules like any task (the demo rule assigns it to exec@demo.test), in one transaction. A message
 * already received (same Message-ID, the sender retrying) returns the existing task instead.
 */
export async function openExecutiveCase(
  deps: Pick<Deps, 'db' | 'clock'>,
  mail: InboundMail,
): Promise<{ taskId: string; isNew: boolean }> {
  return deps.db.transaction().execute(async (tx) => {
    if (mail.messageId) {
      const known = await repo.findInboundByMessageId(tx, mail.messageId);
      if (known?.taskId) return { taskId: known.taskId, isNew: false };
    }
    const jobNumber = mentionedJobNumber(mail);
    const job = jobNumber ? await findJob({ db: tx }, jobNumber) : undefined;
    const sender = mail.fromName ? `${mail.fromName} <${mail.fromAddress}>` : mail.fromAddress;
    const task = await createRoutedTask(deps, tx, null, {
      type: 'executive_case',
      title: (mail.subject || `(no subject) from ${mail.fromAddress}`).slice(0, 200),
      details: {
        source: 'email',
        from: sender,
        fromAddress: mail.fromAddress,
        body: mail.text.slice(0, maxBodyChars),
        isBodyTruncated: mail.text.length > maxBodyChars,
        messageId: mail.messageId,
        receivedAt: deps.clock.now().toISOString(),
      },
      jobId: job?.id ?? null,
    });
    await repo.insertInboundMessage(tx, {
      messageId: mail.messageId,
      mailFrom: mail.fromAddress,
      rcptTo: mail.recipient,
      subject: mail.subject,
      sizeBytes: mail.sizeBytes,
      taskId: task.id,
      receivedAt: deps.clock.now(),
    });
    return { taskId: task.id, isNew: true };
  });
}
