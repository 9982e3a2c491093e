import type { Db } from '../../db/client.ts';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../../http/auth.ts';
import { cancelTimers } from '../../jobs/timers.ts';
import { AppError } from '../../lib/errors.ts';
import { addJobNote } from '../jobs/notes.ts';
import { announceTask } from './events.ts';
import * as repo from './repo.ts';
import { canCompleteTask } from './transitions.ts';
import { type TaskView, toTaskView } from './view.ts';
import { lockWorkableTask, taskTimerPrefix } from './work-task.ts';

// Completing a task is two steps so that the caller can act between them: what the task links to
// (its exception) is closed by the callbacks use case, which is the one way an exception closes,
// before the completion is recorded (the job's timeline reads "exception closed, task completed").

/** A task checked and locked for completion, with its resolution; nothing is written yet. */
export type Completion = {
  task: { id: string; title: string; jobId: string | null; exceptionId: string | null };
  reason: { id: string; code: string; label: string };
  note: string | null;
  /** Who completes it; null for the system (a timer, a cancellation). */
  by: Actor | null;
};

/**
 * Locks a task a person completes (`POST /api/tasks/{id}/complete`): in reach (else 404), workable
 * by their role, the expected version, still open, and an active resolution reason.
 */
export async function prepareCompletion(
  tx: Db,
  actor: Actor,
  id: string,
  input: { resolutionReasonId: string; note?: string; expectedVersion?: number },
): Promise<Completion> {
  const task = await lockWorkableTask(tx, actor, id, input.expectedVersion);
  if (!canCompleteTask(task.status)) {
    throw new AppError('invalid_transition', 'the task is already completed', {
      from: task.status,
      to: 'completed',
      allowed: [],
    });
  }
  const reason = await repo.findActiveResolutionReason(tx, input.resolutionReasonId);
  if (!reason) {
    throw new AppError('unprocessable', `${input.resolutionReasonId} is not an active resolution reason`, {
      field: 'resolutionReasonId',
    });
  }
  return { task, reason, note: input.note?.trim() || null, by: actor };
}

/** Locks an open task the system completes with a resolution (by code); null when already completed. */
export async function prepareSystemCompletion(
  tx: Db,
  id: string,
  input: { resolutionCode: string; note: string },
): Promise<Completion | null> {
  const task = await repo.lockTask(tx, id);
  if (!task || task.status === 'completed') return null;
  const reason = await repo.findResolutionReasonByCode(tx, input.resolutionCode);
  if (!reason) throw new Error(`resolution reason ${input.resolutionCode} is missing`);
  return { task, reason, note: input.note, by: null };
}

/** Writes a prepared completion: the task completed, its timers cancelled, the job noted, announced. */
export async function recordCompletion(
  deps: Pick<Deps, 'clock'>,
  tx: Db,
  completion: Completion,
): Promise<TaskView> {
  const { task, reason, note, by } = completion;
  const now = deps.clock.now();
  await repo.updateTask(
    tx,
    task.id,
    { status: 'completed', resolutionReasonId: reason.id, resolutionNote: note, completedAt: now },
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
      details: { taskId: task.id, resolutionReasonId: reason.id, resolution: reason.code },
    });
  }
  const view = toTaskView((await repo.findTaskRow(tx, task.id))!);
  await announceTask(tx, 'task.updated', view);
  return view;
}
