import type { Db } from '../../db/client.ts';
import type { Actor } from '../../http/auth.ts';
import { publishEvent } from '../events/publish.ts';
import { addJobNote } from '../jobs/notes.ts';
import { enqueueMail } from '../mail/outbox.ts';
import { keepAlert } from '../notifications/service.ts';
import * as lookups from './lookups-repo.ts';

type AnsweredTask = {
  id: string;
  title: string;
  jobId: string | null;
  createdById: string | null;
  details: Record<string, unknown> | null;
};

const textOf = (value: unknown) => (typeof value === 'string' ? value : '');

/**
 * Brings Purchasing's answer back: a note on the job's timeline, a mail to the person who asked
 * (the task's creator) and a live event to them. Runs in the completion's transaction, so the
 * answer is recorded, queued for mail and announced exactly when the request is completed.
 */
export async function deliverPurchasingAnswer(
  tx: Db,
  actor: Actor,
  task: AnsweredTask,
  answer: string,
  now: Date,
): Promise<void> {
  const question = textOf(task.details?.question);
  const orderNumber = textOf(task.details?.orderNumber);
  const part = textOf(task.details?.part);
  // A task the system opened has no one to answer; the job's timeline still gets the answer.
  const requester = task.createdById ? await lookups.findRequester(tx, task.createdById) : undefined;
  const jobNumber = task.jobId ? await lookups.findJobNumber(tx, task.jobId) : null;
  if (task.jobId) {
    await addJobNote(tx, {
      jobId: task.jobId,
      authorId: actor.id,
      kind: 'purchasing.answered',
      body:
        `Purchasing answered (${actor.name}${requester ? `, sent to ${requester.name}` : ''}): ${answer}` +
        (question ? `\nQuestion: ${question}` : ''),
      details: { taskId: task.id, answer, question, orderNumber, part, requesterId: requester?.id ?? null },
    });
  }
  if (!requester) return;
  const about = [jobNumber ? `job ${jobNumber}` : null, orderNumber ? `order ${orderNumber}` : null]
    .filter(Boolean)
    .join(', ');
  await enqueueMail(
    tx,
    {
      to: requester.email,
      subject: `Purchasing answered your request${about ? ` (${about})` : ''}`,
      text: [
        `Hello ${requester.name},`,
        '',
        `${actor.name} from Purchasing answered your request "${task.title}".`,
        '',
        ...(question ? [`Your question: ${question}`, ''] : []),
        `Answer: ${answer}`,
        '',
        ...(part ? [`Part: ${part}`] : []),
        ...(orderNumber ? [`Order: ${orderNumber}`] : []),
        ...(jobNumber ? [`The answer is also noted on job ${jobNumber}.`] : []),
      ].join('\n'),
      purpose: 'purchasing_answer',
      relatedId: task.id,
    },
    now,
  );
  // Kept in the requester's notification centre until read, not only shown to an open tab. No task
  // link: the request sits in Purchasing's queue, which the requester may not reach.
  await keepAlert(
    tx,
    { userIds: [requester.id], teamId: null },
    {
      kind: 'purchasing.answered',
      taskId: null,
      title: `Purchasing answered your request${about ? ` (${about})` : ''}`,
      body: answer,
      at: now,
    },
  );
  await publishEvent(tx, {
    type: 'purchasing.answered',
    userIds: [requester.id],
    data: { taskId: task.id, title: task.title, jobNumber, answer, answeredBy: actor.name },
  });
}
