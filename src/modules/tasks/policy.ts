import { type Expression, expressionBuilder, type SqlBool, sql } from 'kysely';
import type { Database, Role } from '../../db/schema.ts';
import { everyRow, noRow, overseerRoles, teamWorkerRoles } from '../../db/walls.ts';
import type { Actor } from '../../http/auth.ts';

// The shared building blocks of the walls moved to src/db/walls.ts (issue 11: other kinds' policies
// used them from here, against the direction of the features); they are re-exported for code
// written before the move.
export {
  everyRow,
  isLinkedByTeamTask,
  isOverseer,
  noRow,
  overseerRoles,
  teamWorkerRoles,
  workerTeamOf,
} from '../../db/walls.ts';

// Who sees and changes which tasks: the one place these rules live. Repos apply the scope in SQL, so
// lists, counts, the customer view and single reads all agree; a task out of scope is "not found".

/** Which tasks an actor may see. */
export type TaskScope =
  | { kind: 'all' }
  /** Only the tasks of one team (a BPO's users never see in-house work). */
  | { kind: 'team'; teamId: string }
  /** Only tasks the actor created (agents following up what they raised). */
  | { kind: 'creator'; userId: string }
  | { kind: 'none' };

/** Roles that may open tasks by hand (`POST /api/tasks`). */
export const taskCreatorRoles: readonly Role[] = [...overseerRoles, 'tier2', 'tier3', 'callback_agent'];

export function taskScopeOf(actor: Actor): TaskScope {
  if (overseerRoles.includes(actor.role)) return { kind: 'all' };
  if (teamWorkerRoles.includes(actor.role)) {
    return actor.teamId ? { kind: 'team', teamId: actor.teamId } : { kind: 'none' };
  }
  if (actor.role === 'agent') return { kind: 'creator', userId: actor.id };
  return { kind: 'none' };
}

/** Whether a task (its team and creator) is inside the actor's scope. */
export function canSeeTask(actor: Actor, task: { teamId: string; createdById: string | null }): boolean {
  const scope = taskScopeOf(actor);
  switch (scope.kind) {
    case 'all':
      return true;
    case 'team':
      return task.teamId === scope.teamId;
    case 'creator':
      return task.createdById === scope.userId;
    case 'none':
      return false;
  }
}

/** Whether the actor may change a task they can see (status, assignee, completion). */
export function canWorkTask(actor: Actor, task: { teamId: string; createdById: string | null }): boolean {
  if (!canSeeTask(actor, task)) return false;
  return overseerRoles.includes(actor.role) || teamWorkerRoles.includes(actor.role);
}

const tasksBuilder = expressionBuilder<Database, never>();

/** The tasks (by their id column `ref`) that the actor reaches: the SQL form of `taskScopeOf`. */
export function taskInReach(actor: Actor, ref: string): Expression<SqlBool> {
  const scope = taskScopeOf(actor);
  if (scope.kind === 'all') return everyRow;
  if (scope.kind === 'none') return noRow;
  const owner = scope.kind === 'team' ? 'wall_t.team_id' : 'wall_t.created_by';
  const value = scope.kind === 'team' ? scope.teamId : scope.userId;
  return tasksBuilder(
    sql.ref(ref),
    'in',
    tasksBuilder.selectFrom('tasks as wall_t').select('wall_t.id').where(owner, '=', value),
  );
}
