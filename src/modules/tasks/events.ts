import type { Db } from '../../db/client.ts';
import { publishEvent } from '../events/publish.ts';
import type { TaskView } from './view.ts';

/**
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
}
