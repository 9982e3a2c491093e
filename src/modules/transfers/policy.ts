import type { Expression, SqlBool } from 'kysely';
import type { Actor } from '../../http/auth.ts';
import { escalationInReach } from '../escalations/policy.ts';

// Who reaches which transfer: those who reach its escalation (docs/walls.md). Who may then take a
// step (answer, conference, leave) is a rule of the step, checked after this.

/** The transfers (by their escalation id column `ref`, e.g. `t.escalation_id`) that the actor reaches. */
export function transferInReach(actor: Actor, escalationRef: string): Expression<SqlBool> {
  return escalationInReach(actor, escalationRef);
}
