import type { Db } from './client.ts';

/**
 * Runs `work` in the caller's transaction when `db` already is one, otherwise in a new one. A use
 * case opens its transaction this way so that a caller who must commit something with it (an
 * idempotent answer, see `answerOnce`) can hand it a transaction to join.
 */
export function inTransaction<T>(db: Db, work: (tx: Db) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}
