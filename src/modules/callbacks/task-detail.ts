import type { Deps } from '../../deps.ts';
import type { Actor } from '../../http/auth.ts';
import { listTaskPromises } from '../promises/schedule.ts';
import { assembleTaskDetail, getTaskForActor } from '../tasks/read-tasks.ts';

/**
 * `GET /api/tasks/{id}`: the task (404 out of reach) with what other features attach: a callback
 * task carries its contact promises (promises). A feature that adds to the detail adds a line here.
 */
export async function describeTask(deps: Pick<Deps, 'db'>, actor: Actor, id: string) {
  const task = await getTaskForActor(deps, actor, id);
  const detail = await assembleTaskDetail(deps.db, task);
  return task.type === 'callback'
    ? { ...detail, promises: await listTaskPromises(deps.db, task.id) }
    : detail;
}
