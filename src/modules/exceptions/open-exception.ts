import type { Db } from '../../db/client.ts';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../../http/auth.ts';
import { AppError, invalid, notFound } from '../../lib/errors.ts';
import { addJobNote } from '../jobs/notes.ts';
import type { RoutingRule } from '../routing/service.ts';
import { createRoutedTask, findJobFacts, type JobFacts } from '../tasks/create-routed-task.ts';
import type { TaskView } from '../tasks/view.ts';
import * as repo from './repo.ts';
import { enqueueWebhookEvent } from '../webhooks/outbox.ts';

/** The exception type whose exceptions create a routed callback task. */
export const callBackType = 'call_back';

export type OpenExceptionInput = {
  jobId: string;
  typeCode: string;
  commentId: string;
  escalationId?: string | null;
  /**
   * The escalation's job and reasons when the caller has just read them in this transaction (under
   * its lock): they are not read again.
   */
  escalationFacts?: { jobId: string; reasonIds: string[] };
  /** The job when the caller already has it (saves a look-up). */
  job?: JobFacts;
  /** The active routing rules when the caller has just read them (for the Call Back task). */
  routingRules?: RoutingRule[];
  /** The type and the comment when the caller has just read them in this transaction: not read again. */
  typeAndComment?: TypeAndComment;
  appointmentId?: string | null;
  /** The callback task's due time (booking: when the callback clock says the first call is due). */
  taskDueAt?: Date;
  taskTitle?: string;
  taskDetails?: Record<string, unknown>;
};

export type ExceptionView = NonNullable<Awaited<ReturnType<typeof repo.findExceptionView>>>;
export type TypeAndComment = Awaited<ReturnType<typeof repo.findTypeAndComment>>;

/** For booking: the Call Back type with the approved comment for an escalation with these reasons. */
export function findCallBackTypeAndComment(db: Db, reasonIds: string[]): Promise<TypeAndComment> {
  return repo.findTypeAndCommentForReasons(db, callBackType, reasonIds);
}

/**
 * Opens an exception on a job inside the caller's transaction `tx`, with a comment from the approved
 * list for its type (and, when the comment is for a reason and an escalation is given, one of the
 * escalation's reasons). A Call Back exception creates its routed callback task in the same
 * transaction, so a failed routing leaves no exception behind. Notes the job.
 */
export async function openException(
  deps: Pick<Deps, 'clock'>,
  tx: Db,
  actor: Actor,
  input: OpenExceptionInput & { typeCode: typeof callBackType },
): Promise<{ exception: ExceptionView; task: TaskView }>;
export async function openException(
  deps: Pick<Deps, 'clock'>,
  tx: Db,
  actor: Actor,
  input: OpenExceptionInput,
): Promise<{ exception: ExceptionView; task: TaskView | null }>;
export async function openException(
  deps: Pick<Deps, 'clock'>,
  tx: Db,
  actor: Actor,
  input: OpenExceptionInput,
): Promise<{ exception: ExceptionView; task: TaskView | null }> {
  const found = input.typeAndComment ?? (await repo.findTypeAndComment(tx, input.typeCode, input.commentId));
  const type = found.type;
  if (!type?.isActive) throw invalid(`unknown exception type "${input.typeCode}"`);
  const comment = checkComment(found.comment, input.commentId, type);
  const escalationId = input.escalationId ?? null;
  if (escalationId)
    await checkEscalation(tx, actor, escalationId, input.jobId, comment, input.escalationFacts);

  const job = input.job ?? (await findJobFacts(tx, input.jobId));
  if (job.id !== input.jobId) throw new Error('openException: job facts of another job');
  const now = deps.clock.now();
  const exception = await repo.insertException(tx, {
    jobId: job.id,
    typeId: type.id,
    commentId: comment.id,
    escalationId,
    createdBy: actor.id,
    now,
  });
  const view: ExceptionView = {
    id: exception.id,
    jobId: job.id,
    jobNumber: job.number,
    customerId: job.customerId,
    type: type.code,
    typeLabel: type.label,
    status: 'open',
    commentId: comment.id,
    comment: comment.body,
    escalationId,
    createdById: actor.id,
    createdAt: now,
    closedAt: null,
    closedById: null,
  };
  await enqueueWebhookEvent(tx, {
    type: 'exception.opened',
    record: { kind: 'exception', id: exception.id },
    at: now,
    data: {
      exceptionId: exception.id,
      jobNumber: job.number,
      type: type.code,
      status: 'open',
      comment: comment.body,
      escalationId,
      openedAt: now,
    },
  });
  await addJobNote(tx, {
    jobId: input.jobId,
    authorId: actor.id,
    kind: 'exception.opened',
    body: `${type.label} exception opened by ${actor.name} (Open): ${comment.body}`,
    details: { exceptionId: exception.id, type: type.code, commentId: comment.id, escalationId },
  });
  const task =
    type.code === callBackType
      ? await createRoutedTask(deps, tx, actor, {
          type: 'callback',
          title: input.taskTitle,
          details: { comment: comment.body, ...input.taskDetails },
          dueAt: input.taskDueAt,
          job,
          exceptionId: exception.id,
          exceptionTypeId: type.id,
          appointmentId: input.appointmentId ?? null,
          escalationId,
          routingRules: input.routingRules,
        })
      : null;
  return { exception: view, task };
}

function checkComment(
  comment: Awaited<ReturnType<typeof repo.findTypeAndComment>>['comment'],
  commentId: string,
  type: { id: string; code: string; label: string },
) {
  if (!comment) {
    throw new AppError('unprocessable', `comment ${commentId} is not an approved exception comment`, {
      field: 'commentId',
    });
  }
  if (comment.typeId !== type.id) {
    throw new AppError(
      'unprocessable',
      `comment ${commentId} is approved for ${comment.typeCode} exceptions, not ${type.code}`,
      { field: 'commentId' },
    );
  }
  if (!comment.isActive) {
    throw new AppError('unprocessable', `comment ${commentId} is no longer an approved comment`, {
      field: 'commentId',
    });
  }
  return comment;
}

async function checkEscalation(
  tx: Db,
  actor: Actor,
  escalationId: string,
  jobId: string,
  comment: { id: string; reasonId: string | null; reasonCode: string | null },
  known?: { jobId: string; reasonIds: string[] },
) {
  const escalation = known ?? (await repo.findEscalationFacts(tx, actor, escalationId));
  if (!escalation) throw notFound('escalation', escalationId);
  if (escalation.jobId !== jobId) {
    throw new AppError('unprocessable', `escalation ${escalationId} is not on this job`, {
      field: 'escalationId',
    });
  }
  if (comment.reasonId && !escalation.reasonIds.includes(comment.reasonId)) {
    throw new AppError(
      'unprocessable',
      `comment ${comment.id} is for the reason ${comment.reasonCode}, which this escalation does not have`,
      { field: 'commentId' },
    );
  }
}

/**
 * Closes the exception behind a task when the task is completed, in the completion's transaction,
 * and notes the job. Does nothing if it is already closed.
 */
export async function closeExceptionForTask(
  deps: Pick<Deps, 'clock'>,
  tx: Db,
  actor: Actor | null,
  exceptionId: string,
  taskTitle: string,
): Promise<boolean> {
  const closed = await repo.closeOpenException(tx, exceptionId, actor?.id ?? null, deps.clock.now());
  if (!closed) return false;
  await enqueueWebhookEvent(tx, {
    type: 'exception.closed',
    record: { kind: 'exception', id: exceptionId },
    at: deps.clock.now(),
    data: { exceptionId, jobNumber: closed.jobNumber, status: 'closed', closedAt: deps.clock.now() },
  });
  await addJobNote(tx, {
    jobId: closed.jobId,
    authorId: actor?.id ?? null,
    kind: 'exception.closed',
    body: `${closed.typeLabel} exception closed with the completion of task "${taskTitle}".`,
    details: { exceptionId },
  });
  return true;
}
