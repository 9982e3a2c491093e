import type { Db } from '../../db/client.ts';
import type { Actor } from '../../http/auth.ts';
import * as repo from './repo.ts';

export type CallbackContext = repo.CallbackContext;
export type PromiseRow = repo.PromiseRow;

/**
 * What the callback clock knows of a task, its appointment and customer (the callbacks use cases
 * start from it). With `actor`, only if they reach the task; with `lock`, the task row is locked.
 */
export function readCallbackContext(
  db: Db,
  taskId: string,
  options: { lock?: boolean; actor?: Actor } = {},
): Promise<CallbackContext | undefined> {
  return repo.findCallbackContext(db, taskId, options);
}
