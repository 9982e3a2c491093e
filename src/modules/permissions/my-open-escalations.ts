import type { Deps } from '../../deps.ts';
import type { Actor } from '../../http/auth.ts';
import { findCustomerNames } from '../customers/service.ts';
import { listMyOpenEscalations } from '../escalations/service.ts';
import { findActiveTransfersOf } from '../transfers/views.ts';
import { findNewestPermissionsOf } from './service.ts';

// Composed here because permissions already imports escalations and transfers (the two sit below
// it), so the view needs no import against the direction of the module graph.

/**
 * `GET /api/me/escalations`: the escalations the actor raised that still need them (escalations),
 * each with its customer's name (customers), its live transfer (transfers) and its newest
 * callback permission (permissions). Four queries whatever the number of escalations.
 */
export async function listMyOpenEscalationsWithState(
  deps: Pick<Deps, 'db'>,
  actor: Actor,
  jobNumber: string | undefined,
) {
  const escalations = await listMyOpenEscalations(deps, actor, jobNumber);
  const ids = escalations.map((escalation) => escalation.id);
  const customerNames = await findCustomerNames(
    deps.db,
    escalations.map((escalation) => escalation.customerId),
  );
  const transfers = await findActiveTransfersOf(deps.db, ids);
  const permissions = await findNewestPermissionsOf(deps.db, ids);
  return {
    // A customer the actor's row security hides leaves its escalation out, as the joined query did.
    items: escalations.flatMap(({ customerId, ...escalation }) => {
      const customerName = customerNames.get(customerId);
      if (customerName === undefined) return [];
      return [
        {
          ...escalation,
          customerName,
          transfer: transfers.get(escalation.id) ?? null,
          permission: permissions.get(escalation.id) ?? null,
        },
      ];
    }),
  };
}
