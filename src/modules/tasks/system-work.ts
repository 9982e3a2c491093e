import type { Db } from '../../db/client.ts';
import type { TaskStatus } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import { addJobNote } from '../jobs/notes.ts';
import { announceTask } from './events.ts';
import * as repo from './repo.ts';
import { taskStatusLabels } from './transitions.ts';
import { type TaskView, toTaskView } from './view.ts';

// Changes the system makes to a task on its own (timers, the callback clock), with no actor:
// the same version bump, job note and live event as a person's change, inside the caller's tx.

/** Moves an open task to another status and/or reschedules it (due time, linked appointment). */
export async function moveTaskBySystem(
  deps: Pick<Deps, 'clock'>,
  tx: Db,
  id: string,
  change: { status?: TaskStatus; dueAt?: Date; appointmentId?: string; reason: string },
): Promise<TaskView | null> {
  const task = await repo.lockTask(tx, id);
  if (!task || task.status === 'completed') return null;
  const now = deps.clock.now();
  // One statement: the version bump, the new status, due time and appointment, and the row read back.
  const row = await repo.updateTaskReturningRow(
    tx,
    id,
    {
      ...(change.status ? { status: change.status } : {}),
      ...(change.dueAt ? { dueAt: change.dueAt } : {}),
      ...(change.appointmentId ? { appointmentId: change.appointmentId } : {}),
    },
    now,
  );
  if (task.jobId && change.status && change.status !== task.status) {
    await addJobNote(tx, {
      jobId: task.jobId,
      authorId: null,
      kind: 'task.updated',
      body: `Task "${task.title}": status ${taskStatusLabels[task.status]} → ${taskStatusLabels[change.status]} (${change.reason}).`,
      details: { taskId: id, from: task.status, to: change.status },
    });
  }
  const view = toTaskView(row!);
  await announceTask(tx, 'task.updated', view);
  return view;
}
