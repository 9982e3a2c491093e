import type { Db } from '../../db/client.ts';
import type { TaskStatus, TaskType } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../../http/auth.ts';
import { cancelTimers } from '../../jobs/timers.ts';
import { AppError, forbidden, invalid, notFound } from '../../lib/errors.ts';
import { closeExceptionForTask } from '../exceptions/open-exception.ts';
import { addJobNote } from '../jobs/notes.ts';
import { announceTask } from './events.ts';
import { canSeeTask, canWorkTask } from './policy.ts';
import { deliverPurchasingAnswer } from './purchasing-answer.ts';
import * as repo from './repo.ts';
import {
  allowedMovesFrom,
  canCompleteTask,
  canMoveTask,
  needsAnswer,
  type ResolutionKind,
  resolutionFields,
  resolutionKindOf,
  taskStatusLabels,
  taskTypeLabels,
} from './transitions.ts';
import { type TaskView, toTaskView } from './view.ts';

/** Dedupe-key prefix of every timer that belongs to a task; completion cancels them all. */
export const taskTimerPrefix = (taskId: string) => `task:${taskId}:`;

/** Locks the task and checks the actor may change it (404 when they may not even see it). */
async function lockWorkableTask(tx: Db, actor: Actor, id: string, expectedVersion: number | undefined) {
  const task = await repo.lockTask(tx, id, { actor });
  if (!task || !canSeeTask(actor, task)) throw notFound('task', id);
  if (!canWorkTask(actor, task)) throw forbidden('your role may look at this task but not change it');
  if (expectedVersion !== undefined && expectedVersion !== task.version) {
    throw new AppError('conflict', `the task changed since you loaded it (now version ${task.version})`, {
      currentVersion: task.version,
    });
  }
  return task;
}

async function readBack(tx: Db, id: string): Promise<TaskView> {
  return toTaskView((await repo.findTaskRow(tx, id))!);
}

/** `PATCH /api/tasks/{id}`: moves the task between open statuses and/or (re)assigns it in its team. */
export async function moveTask(
  deps: Deps,
  actor: Actor,
  id: string,
  input: { status?: TaskStatus; assigneeId?: string | null; expectedVersion?: number },
): Promise<TaskView> {
  return deps.db.transaction().execute(async (tx) => {
    const task = await lockWorkableTask(tx, actor, id, input.expectedVersion);
    if (task.status === 'completed') {
      const isNoChange = (input.status ?? 'completed') === 'completed' && input.assigneeId === undefined;
      if (isNoChange) return readBack(tx, id);
      throw new AppError('invalid_transition', 'a completed task can no longer change', {
        from: task.status,
        to: input.status ?? task.status,
        allowed: [],
      });
    }
    if (input.status === 'completed') {
      throw new AppError(
        'invalid_transition',
        'a task is completed with POST /api/tasks/{id}/complete and a resolution reason',
        { from: task.status, to: input.status, allowed: allowedMovesFrom(task.status) },
      );
    }
    if (input.status && !canMoveTask(task.status, input.status)) {
      throw new AppError('invalid_transition', `a task cannot move from ${task.status} to ${input.status}`, {
        from: task.status,
        to: input.status,
        allowed: allowedMovesFrom(task.status),
      });
    }
    let assignee: { id: string; name: string } | null | undefined;
    if (input.assigneeId) {
      assignee = await repo.findTeamMember(tx, task.teamId, input.assigneeId);
      if (!assignee) {
        throw new AppError(
          'unprocessable',
          `user ${input.assigneeId} is not an active member of the task's team`,
          {
            field: 'assigneeId',
          },
        );
      }
    } else if (input.assigneeId === null) assignee = null;

    const statusChanged = input.status !== undefined && input.status !== task.status;
    const assigneeChanged = assignee !== undefined && (assignee?.id ?? null) !== task.assigneeId;
    if (!statusChanged && !assigneeChanged) return readBack(tx, id);

    const now = deps.clock.now();
    await repo.updateTask(
      tx,
      id,
      {
        ...(statusChanged ? { status: input.status } : {}),
        ...(assigneeChanged ? { assigneeId: assignee?.id ?? null } : {}),
      },
      now,
    );
    if (task.jobId) {
      const parts = [
        statusChanged ? `status ${taskStatusLabels[task.status]} → ${taskStatusLabels[input.status!]}` : null,
        assigneeChanged ? (assignee ? `assigned to ${assignee.name}` : 'returned to the team queue') : null,
      ].filter(Boolean);
      await addJobNote(tx, {
        jobId: task.jobId,
        authorId: actor.id,
        kind: 'task.updated',
        body: `Task "${task.title}": ${parts.join(', ')} (by ${actor.name}).`,
        details: {
          taskId: id,
          ...(statusChanged ? { from: task.status, to: input.status } : {}),
          ...(assigneeChanged ? { assigneeId: assignee?.id ?? null } : {}),
        },
      });
    }
    const view = await readBack(tx, id);
    await announceTask(tx, 'task.updated', view, assigneeChanged ? [task.assigneeId] : []);
    return view;
  });
}

export type CompleteTaskInput = {
  /** Every type but Tier 2 records: an active (callback) resolution reason. */
  resolutionReasonId?: string;
  /** Tier 2 records: an active Tier 2 resolution type. */
  tier2ResolutionTypeId?: string;
  /** Purchasing requests: Purchasing's answer, noted on the job and sent to the requester. */
  answer?: string;
  note?: string;
  expectedVersion?: number;
};

const kindNames = { resolution_reason: 'resolution reason', tier2_resolution_type: 'Tier 2 resolution type' };

function findResolutionOfKind(tx: Db, kind: ResolutionKind, id: string) {
  return kind === 'tier2_resolution_type'
    ? repo.findActiveTier2ResolutionType(tx, id)
    : repo.findActiveResolutionReason(tx, id);
}

/**
 * The resolution a task of this type is completed with, from its own list. An entry of the other
 * list (a callback reason on a Tier 2 record, or the reverse) is refused by name, not as unknown.
 */
async function findResolutionFor(tx: Db, type: TaskType, input: CompleteTaskInput) {
  const kind = resolutionKindOf(type);
  const otherKind: ResolutionKind =
    kind === 'tier2_resolution_type' ? 'resolution_reason' : 'tier2_resolution_type';
  const field = resolutionFields[kind];
  const wrongKind = () =>
    new AppError(
      'wrong_resolution_kind',
      `a ${taskTypeLabels[type]} is completed with a ${kindNames[kind]} (${field}), not a ${kindNames[otherKind]}`,
      { field, expected: kind },
    );
  if (input[resolutionFields[otherKind]] !== undefined) throw wrongKind();
  const id = input[field];
  if (!id)
    throw invalid(`a ${taskTypeLabels[type]} is completed with a ${kindNames[kind]} (${field})`, { field });
  const found = await findResolutionOfKind(tx, kind, id);
  if (found) return { kind, ...found };
  if (await findResolutionOfKind(tx, otherKind, id)) throw wrongKind();
  throw new AppError('unprocessable', `${id} is not an active ${kindNames[kind]}`, { field });
}

/** Purchasing's answer: required on a purchasing request, refused on anything else. */
function answerFor(type: TaskType, input: CompleteTaskInput): string | null {
  const answer = input.answer?.trim() || null;
  if (needsAnswer(type) && !answer) {
    throw invalid("a purchasing request is completed with Purchasing's answer (answer)", { field: 'answer' });
  }
  if (!needsAnswer(type) && input.answer !== undefined) {
    throw invalid(`only a purchasing request takes an answer, not a ${taskTypeLabels[type]}`, {
      field: 'answer',
    });
  }
  return answer;
}

/**
 * `POST /api/tasks/{id}/complete`: completes the task with an active resolution of its type's list,
 * closes its exception, cancels its timers, notes the job and, for a purchasing request, brings the
 * answer to the job and the requester, all in one transaction.
 */
export async function completeTask(
  deps: Deps,
  actor: Actor,
  id: string,
  input: CompleteTaskInput,
): Promise<TaskView> {
  return inTransaction(deps.db, async (tx) => {
    const task = await lockWorkableTask(tx, actor, id, input.expectedVersion);
    if (!canCompleteTask(task.status)) {
      throw new AppError('invalid_transition', 'the task is already completed', {
        from: task.status,
        to: 'completed',
        allowed: [],
      });
    }
    const reason = await findResolutionFor(tx, task.type, input);
    const answer = answerFor(task.type, input);
    const now = deps.clock.now();
    const note = input.note?.trim() || null;
    await repo.updateTask(
      tx,
      id,
      {
        status: 'completed',
        ...(reason.kind === 'tier2_resolution_type'
          ? { tier2ResolutionTypeId: reason.id }
          : { resolutionReasonId: reason.id }),
        resolutionNote: note,
        completedAt: now,
        ...(answer ? { addDetails: { answer } } : {}),
      },
      now,
    );
    if (task.exceptionId) await closeExceptionForTask(deps, tx, actor, task.exceptionId, task.title);
    await cancelTimers(tx, taskTimerPrefix(id));
    if (task.jobId) {
      await addJobNote(tx, {
        jobId: task.jobId,
        authorId: actor.id,
        kind: 'task.completed',
        body: `Task "${task.title}" completed by ${actor.name}: ${reason.label}.${note ? ` ${note}` : ''}`,
        details: {
          taskId: id,
          ...(reason.kind === 'tier2_resolution_type'
            ? { tier2ResolutionTypeId: reason.id }
            : { resolutionReasonId: reason.id }),
          resolution: reason.code,
        },
      });
    }
    if (answer) await deliverPurchasingAnswer(tx, actor, task, answer, now);
    const view = await readBack(tx, id);
    await announceTask(tx, 'task.updated', view);
    return view;
  });
}
