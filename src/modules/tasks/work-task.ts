import type { Db } from '../../db/client.ts';
import type { TaskStatus } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../../http/auth.ts';
import { AppError, forbidden, notFound } from '../../lib/errors.ts';
import { addJobNote } from '../jobs/notes.ts';
import { announceTask } from './events.ts';
import { canSeeTask, canWorkTask } from './policy.ts';
import * as repo from './repo.ts';
import { allowedMovesFrom, canMoveTask, taskStatusLabels } from './transitions.ts';
import { type TaskView, toTaskView } from './view.ts';

/** Dedupe-key prefix of every timer that belongs to a task; completion cancels them all. */
export const taskTimerPrefix = (taskId: string) => `task:${taskId}:`;

/** Locks the task and checks the actor may change it (404 when they may not even see it). */
export async function lockWorkableTask(
  tx: Db,
  actor: Actor,
  id: string,
  expectedVersion: number | undefined,
) {
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
