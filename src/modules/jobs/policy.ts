import type { Expression, SqlBool } from 'kysely';
import type { Actor } from '../../http/auth.ts';
import { everyRow, isLinkedByTeamTask, isOverseer, noRow, workerTeamOf } from '../../db/walls.ts';

// Who reaches which job (and so its parts, notes and timeline): docs/walls.md. Repos add the filter
// to every read and change, so a job out of reach is "not found" and never listed.

/** Agents take calls from any customer; Tier 2 records escalation calls by job number. */
const seesEveryJob = (actor: Actor) => isOverseer(actor) || actor.role === 'agent' || actor.role === 'tier2';

/** The jobs (by their id column `ref`, e.g. `j.id`) that the actor reaches. */
export function jobInReach(actor: Actor, ref: string): Expression<SqlBool> {
  if (seesEveryJob(actor)) return everyRow;
  const teamId = workerTeamOf(actor);
  return teamId ? isLinkedByTeamTask(teamId, 'job_id', ref) : noRow;
}

/** A job note is in reach when its job is (`ref` is the note's job id column). */
export const jobNoteInReach = jobInReach;
