import { expressionBuilder, type Expression, type SqlBool } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../../http/auth.ts';

// Who reaches which notification: its recipient alone, whatever their role (an admin does not read
// a supervisor's alerts). Another person's notification does not exist for them: 404.

/** The SQL filter of the notifications the actor reaches (`notifications as n`). */
export function notificationsOf(actor: Actor): Expression<SqlBool> {
  const eb = expressionBuilder<Database & { n: Database['notifications'] }, 'n'>();
  return eb('n.user_id', '=', actor.id);
}
