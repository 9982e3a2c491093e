import type { Db } from '../../db/client.ts';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../../http/auth.ts';
import type { CallbackGuidelines } from './callback-guidelines.ts';
import * as repo from './repo.ts';

export type { CallbackGuidelines } from './callback-guidelines.ts';

/** The guidelines in force, read in the caller's transaction (what booking, promises and callbacks ask). */
export function loadGuidelines(db: Db): Promise<CallbackGuidelines> {
  return repo.selectGuidelines(db);
}

/** `GET /api/admin/callback-guidelines`. */
export async function describeGuidelines(deps: Deps): Promise<CallbackGuidelines> {
  return repo.selectGuidelines(deps.db);
}

/** `PATCH /api/admin/callback-guidelines`: changes apply to promises made from now on. */
export async function changeGuidelines(
  deps: Deps,
  _actor: Actor,
  change: Partial<CallbackGuidelines>,
): Promise<CallbackGuidelines> {
  return deps.db.transaction().execute(async (tx) => {
    const next = { ...(await repo.selectGuidelines(tx)), ...change };
    await repo.upsertGuidelines(tx, next, deps.clock.now());
    return next;
  });
}
