import type { Expression, SqlBool } from 'kysely';
import type { Actor } from '../../http/auth.ts';
import { escalationInReach } from '../escalations/policy.ts';
import { everyRow, isOverseer, noRow } from '../../db/walls.ts';

// Who reaches which callback permission (docs/walls.md): overseers all (the asked supervisor acts on
// it), agents those of escalations they reach, team workers none.

/** The permissions (by their escalation id column `ref`) that the actor reaches. */
export function permissionInReach(actor: Actor, escalationRef: string): Expression<SqlBool> {
  if (isOverseer(actor)) return everyRow;
  if (actor.role === 'agent') return escalationInReach(actor, escalationRef);
  return noRow;
}
