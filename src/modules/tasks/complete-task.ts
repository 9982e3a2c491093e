import type { Db } from '../../db/client.ts';
import type { TaskType } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../../http/auth.ts';
import { cancelTimers } from '../../jobs/timers.ts';
import { AppError, invalid } from '../../lib/errors.ts';
import { addJobNote } from '../jobs/notes.ts';
import { announceTask } from './events.ts';
import { deliverPurchasingAnswer } from './purchasing-answer.ts';
import * as repo from './repo.ts';
import * as lookups from './lookups-repo.ts';
import {
  canCompleteTask,
  needsAnswer,
  type ResolutionKind,
  resolutionFields,
  resolutionKindOf,
  taskTypeLabels,
} from './transitions.ts';
import { type TaskView, toTaskView } from './view.ts';
import { lockWorkableTask, taskTimerPrefix } from './work-task.ts';

// Completing a task is two steps so that the caller can act between them: what the task links to
// (its exception) is closed by the callbacks use case, which is the one way an exception closes,
// before the completion is recorded (the job's timeline reads "exception closed, task completed").

type LockedTask = Awaited<ReturnType<typeof lockWorkableTask>>;

/** A task checked and locked for completion, with its resolution; nothing is written yet. */
export type Completion = {
  task: LockedTask;
  reason: { kind: ResolutionKind; id: string; code: string; label: string };
  note: string | null;
  /** Purchasing's answer (purchasing requests only), brought back to the job and the requester. */
  answer: string | null;
  /** Who completes it; null for the system (a timer, a cancellation). */
  by: Actor | null;
};

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
    ? lookups.findActiveTier2ResolutionType(tx, id)
    : lookups.findActiveResolutionReason(tx, id);
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
 * Locks a task a person completes (`POST /api/tasks/{id}/complete`): in reach (else 404), workable
 * by their role, the expected version, still open, an active resolution of its type's list and,
 * for a purchasing request, Purchasing's answer.
 */
export async function prepareCompletion(
  tx: Db,
  actor: Actor,
  id: string,
  input: CompleteTaskInput,
): Promise<Completion> {
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
  return { task, reason, note: input.note?.trim() || null, answer, by: actor };
}

/** Locks an open task the system completes with a resolution (by code); null when already completed. */
export async function prepareSystemCompletion(
  tx: Db,
  id: string,
  input: { resolutionCode: string; note: string },
): Promise<Completion | null> {
  const task = await repo.lockTask(tx, id);
  if (!task || task.status === 'completed') return null;
  const reason = await lookups.findResolutionReasonByCode(tx, input.resolutionCode);
  if (!reason) throw new Error(`resolution reason ${input.resolutionCode} is missing`);
  return { task, reason: { kind: 'resolution_reason', ...reason }, note: input.note, answer: null, by: null };
}

/** Writes a prepared completion: the task completed, its timers cancelled, the job noted, announced. */
export async function recordCompletion(
  deps: Pick<Deps, 'clock'>,
  tx: Db,
  completion: Completion,
): Promise<TaskView> {
  const { task, reason, note, answer, by } = completion;
  const now = deps.clock.now();
  const resolution =
    reason.kind === 'tier2_resolution_type'
      ? { tier2ResolutionTypeId: reason.id }
      : { resolutionReasonId: reason.id };
  await repo.updateTask(
    tx,
    task.id,
    {
      status: 'completed',
      ...resolution,
      resolutionNote: note,
      completedAt: now,
      ...(answer ? { addDetails: { answer } } : {}),
    },
    now,
  );
  await cancelTimers(tx, taskTimerPrefix(task.id));
  if (task.jobId) {
    await addJobNote(tx, {
      jobId: task.jobId,
      authorId: by?.id ?? null,
      kind: 'task.completed',
      body: by
        ? `Task "${task.title}" completed by ${by.name}: ${reason.label}.${note ? ` ${note}` : ''}`
        : `Task "${task.title}" closed by the system: ${reason.label}. ${note}`,
      details: { taskId: task.id, ...resolution, resolution: reason.code },
    });
  }
  if (answer && by) await deliverPurchasingAnswer(tx, by, task, answer, now);
  const view = toTaskView((await repo.findTaskRow(tx, task.id))!);
  await announceTask(tx, 'task.updated', view);
  return view;
}
