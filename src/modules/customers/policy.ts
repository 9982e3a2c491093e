import { type Expression, expressionBuilder, type SqlBool, sql } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../../http/auth.ts';
import { everyRow, isLinkedByTeamTask, isOverseer, noRow, workerTeamOf } from '../../db/walls.ts';

// Who reaches which customer: docs/walls.md. A team worker reaches a customer only through their
// team's tasks, so a BPO user never learns that an in-house customer exists.

const eb = expressionBuilder<Database, never>();

const seesEveryCustomer = (actor: Actor) =>
  isOverseer(actor) || actor.role === 'agent' || actor.role === 'tier2';

/** The customers (by their id column `ref`, e.g. `c.id`) that the actor reaches. */
export function customerInReach(actor: Actor, ref: string): Expression<SqlBool> {
  if (seesEveryCustomer(actor)) return everyRow;
  const teamId = workerTeamOf(actor);
  if (!teamId) return noRow;
  // A task may name only its job; the job's customer is then the task's customer too.
  const throughJobs = eb
    .selectFrom('tasks as wall_t')
    .innerJoin('jobs as wall_j', 'wall_j.id', 'wall_t.job_id')
    .select('wall_j.customer_id')
    .where('wall_t.team_id', '=', teamId);
  return eb.or([isLinkedByTeamTask(teamId, 'customer_id', ref), eb(sql.ref(ref), 'in', throughJobs)]);
}
