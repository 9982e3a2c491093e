import type { Deps } from '../../deps.ts';
import type { Actor } from '../../http/auth.ts';
import { type CallbackGuidelines, loadGuidelines, saveGuidelines } from './guidelines.ts';

/** `GET /api/admin/callback-guidelines`. */
export async function describeGuidelines(deps: Deps): Promise<CallbackGuidelines> {
  return loadGuidelines(deps.db);
}

/** `PATCH /api/admin/callback-guidelines`: changes apply to promises made from now on. */
export async function changeGuidelines(
  deps: Deps,
  _actor: Actor,
  change: Partial<CallbackGuidelines>,
): Promise<CallbackGuidelines> {
  return deps.db.transaction().execute(async (tx) => {
    const next = { ...(await loadGuidelines(tx)), ...change };
    await saveGuidelines(tx, next, deps.clock.now());
    return next;
  });
}
