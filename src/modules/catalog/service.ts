import type { Deps } from '../../deps.ts';
import * as repo from './repo.ts';

/** The pick lists every signed-in user needs: reasons, exception types and comments, resolutions. */
export async function listReasons(deps: Pick<Deps, 'db'>) {
  return repo.listActiveReasons(deps.db);
}

export async function listExceptionTypes(deps: Pick<Deps, 'db'>) {
  return repo.listActiveExceptionTypes(deps.db);
}

export async function listResolutionReasons(deps: Pick<Deps, 'db'>) {
  return repo.listActiveResolutionReasons(deps.db);
}

export async function listExceptionComments(
  deps: Pick<Deps, 'db'>,
  input: { type: string; reason?: string },
) {
  return repo.listActiveComments(deps.db, input.type, input.reason);
}
