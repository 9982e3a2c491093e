import { type Expression, expressionBuilder, type SqlBool, sql } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../../http/auth.ts';
import { everyRow, isLinkedByTeamTask, isOverseer, noRow, workerTeamOf } from '../../db/walls.ts';

// Who reaches which escalation (and its reasons, transfers and callback permissions): docs/walls.md.

const eb = expressionBuilder<Database, never>();

/** Escalations of the actor's site, or raised by them. */
function ofSiteOrRaisedBy(actor: Actor) {
  return eb
    .selectFrom('escalations as wall_e')
    .select('wall_e.id')
    .where((w) =>
      w.or([
        w('wall_e.raised_by', '=', actor.id),
        ...(actor.siteId ? [w('wall_e.site_id', '=', actor.siteId)] : []),
      ]),
    );
}

/** The escalations (by their id column `ref`, e.g. `e.id` or `x.escalation_id`) that the actor reaches. */
export function escalationInReach(actor: Actor, ref: string): Expression<SqlBool> {
  if (isOverseer(actor)) return everyRow;
  if (actor.role === 'agent') return eb(sql.ref(ref), 'in', ofSiteOrRaisedBy(actor));
  const teamId = workerTeamOf(actor);
  if (!teamId) return noRow;
  const throughAppointments = eb
    .selectFrom('tasks as wall_t')
    .innerJoin('appointments as wall_a', 'wall_a.id', 'wall_t.appointment_id')
    .select('wall_a.escalation_id')
    .where('wall_t.team_id', '=', teamId);
  return eb.or([
    isLinkedByTeamTask(teamId, 'escalation_id', ref),
    eb(sql.ref(ref), 'in', throughAppointments),
    // Tier 2 records escalation calls: what a person raised stays theirs to read.
    eb(
      sql.ref(ref),
      'in',
      eb.selectFrom('escalations as wall_r').select('wall_r.id').where('wall_r.raised_by', '=', actor.id),
    ),
  ]);
}
