import { type Expression, expressionBuilder, type SqlBool, sql } from 'kysely';
import type { Actor } from '../http/auth.ts';
import type { Database, Role } from './schema.ts';

// The building blocks every kind's policy.ts uses (docs/walls.md): who oversees everything, which
// team a worker's reach follows, and the filter "a task of the team links to this record". They
// live below the features so that a policy can use them without importing another feature.

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

// Reach that follows tasks: a team worker reaches the jobs, customers, escalations, appointments and
// exceptions that a task of their team links to. The other kinds' policies build on these filters.

const wallsBuilder = expressionBuilder<Database, never>();

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
  return wallsBuilder(
    sql.ref(ref),
    'in',
    wallsBuilder
      .selectFrom('tasks as wall_t')
      .select(`wall_t.${link}`)
      .where('wall_t.team_id', '=', teamId)
      .where(`wall_t.${link}`, 'is not', null),
  );
}
