import type { Expression, SqlBool } from 'kysely';
import type { Actor } from '../../http/auth.ts';
import { everyRow, isLinkedByTeamTask, isOverseer, noRow, workerTeamOf } from '../../db/walls.ts';

// Who reaches which exception: docs/walls.md. Agents reach every job, so every exception (they
// raise Call Back exceptions on any customer's job); team workers only their team's tasks' exceptions.

/** The exceptions (by their id column `ref`, e.g. `e.id`) that the actor reaches. */
export function exceptionInReach(actor: Actor, ref: string): Expression<SqlBool> {
  if (isOverseer(actor) || actor.role === 'agent') return everyRow;
  const teamId = workerTeamOf(actor);
  return teamId ? isLinkedByTeamTask(teamId, 'exception_id', ref) : noRow;
}
