import type { Deps } from '../../deps.ts';
import * as repo from './repo.ts';

/**
 * The pick lists every signed-in user needs: reasons, exception types and comments, resolutions
 * (callback resolution reasons, and Tier 2 resolution types for Tier 2 records).
 */
export async function listReasons(deps: Pick<Deps, 'db'>) {
  return repo.listActiveReasons(deps.db);
}

export async function listExceptionTypes(deps: Pick<Deps, 'db'>) {
  return repo.listActiveExceptionTypes(deps.db);
}

export async function listResolutionReasons(deps: Pick<Deps, 'db'>) {
  return repo.listActiveResolutionReasons(deps.db);
}

export async function listTier2ResolutionTypes(deps: Pick<Deps, 'db'>) {
  return repo.listActiveTier2ResolutionTypes(deps.db);
}

export async function listExceptionComments(
  deps: Pick<Deps, 'db'>,
  input: { type: string; reason?: string },
) {
  return repo.listActiveComments(deps.db, input.type, input.reason);
}
