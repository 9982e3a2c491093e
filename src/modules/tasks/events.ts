import type { Db } from '../../db/client.ts';
import { publishEvent } from '../events/publish.ts';
import { enqueueWebhookEvent } from '../webhooks/outbox.ts';
import type { TaskView } from './view.ts';

/**
 * Also sends the `task.*` webhook (status, assignee, due time and links; never the details).
 * Tells the task's team and its assignee (and a previous assignee, who must drop it from their
 * list) that a task appeared or changed, inside the transaction of the change. One event: named
 * users receive it, and so does everyone in the team.
 */
export async function announceTask(
  tx: Db,
  type: 'task.created' | 'task.updated',
  task: TaskView,
  alsoTell: (string | null)[] = [],
) {
  const userIds = [...new Set([task.assigneeId, ...alsoTell].filter((id): id is string => !!id))];
  await publishEvent(tx, {
    type,
    teamId: task.team.id,
    userIds,
    data: {
      taskId: task.id,
      version: task.version,
      type: task.type,
      status: task.status,
      teamId: task.team.id,
      assigneeId: task.assigneeId,
      customerId: task.customerId,
    },
  });
  await enqueueWebhookEvent(tx, {
    type,
    record: { kind: 'task', id: task.id },
    at: new Date(task.updatedAt),
    data: {
      taskId: task.id,
      type: task.type,
      status: task.status,
      teamId: task.team.id,
      assigneeId: task.assigneeId,
      dueAt: task.dueAt,
      jobNumber: task.jobNumber,
      exceptionId: task.exceptionId,
      appointmentId: task.appointmentId,
      completedAt: task.completedAt,
    },
  });
}
