import { type Expression, expressionBuilder, type SqlBool, sql } from 'kysely';
import type { Database, Role } from '../../db/schema.ts';
import type { Actor } from '../../http/auth.ts';

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

/** Roles that oversee every team's work. */
export const overseerRoles: readonly Role[] = ['supervisor', 'lead', 'sme', 'admin'];
/** Roles that work their own team's tasks only. */
export const teamWorkerRoles: readonly Role[] = [
  'callback_agent',
  'tier2',
  'tier3',
  'exec_escalations',
  'purchasing',
];
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

// Reach that follows tasks: a team worker reaches the jobs, customers, escalations, appointments and
// exceptions that a task of their team links to. The other kinds' policies build on these filters.

const tasksBuilder = expressionBuilder<Database, never>();

/** Whether the actor sees every record of every site and team (the Leadership Desk and admins). */
export function isOverseer(actor: Actor): boolean {
  return overseerRoles.includes(actor.role);
}

/** The team whose work a team worker reaches; null for other roles and for a worker with no team. */
export function workerTeamOf(actor: Actor): string | null {
  return teamWorkerRoles.includes(actor.role) ? actor.teamId : null;
}

/** A filter that keeps every row, or none (reach that does not depend on the row). */
export const everyRow = sql<SqlBool>`true`;
export const noRow = sql<SqlBool>`false`;

type TaskLink = 'job_id' | 'customer_id' | 'escalation_id' | 'appointment_id' | 'exception_id';

/** `ref` names a record that a task of the team links to through `link`. */
export function isLinkedByTeamTask(teamId: string, link: TaskLink, ref: string): Expression<SqlBool> {
  return tasksBuilder(
    sql.ref(ref),
    'in',
    tasksBuilder
      .selectFrom('tasks as wall_t')
      .select(`wall_t.${link}`)
      .where('wall_t.team_id', '=', teamId)
      .where(`wall_t.${link}`, 'is not', null),
  );
}

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
