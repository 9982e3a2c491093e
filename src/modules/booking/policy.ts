import { type Expression, expressionBuilder, type SqlBool, sql } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../../http/auth.ts';
import { everyRow, isLinkedByTeamTask, isOverseer, noRow, workerTeamOf } from '../../db/walls.ts';

// Who reaches which appointment (to read, cancel or reschedule it): docs/walls.md.

const eb = expressionBuilder<Database, never>();

/** The appointments (by their id column `ref`, e.g. `a.id`) that the actor reaches. */
export function appointmentInReach(actor: Actor, ref: string): Expression<SqlBool> {
  if (isOverseer(actor)) return everyRow;
  if (actor.role === 'agent') {
    const reached = eb
      .selectFrom('appointments as wall_a')
      .innerJoin('escalations as wall_e', 'wall_e.id', 'wall_a.escalation_id')
      .select('wall_a.id')
      .where((w) =>
        w.or([
          w('wall_e.raised_by', '=', actor.id),
          ...(actor.siteId ? [w('wall_a.site_id', '=', actor.siteId)] : []),
        ]),
      );
    return eb(sql.ref(ref), 'in', reached);
  }
  const teamId = workerTeamOf(actor);
  return teamId ? isLinkedByTeamTask(teamId, 'appointment_id', ref) : noRow;
}
