import { type OperationNodeSource, type RawBuilder, sql } from 'kysely';
import type { Db } from './client.ts';

/**
 * A table that rows can be appended to behind a transaction's back: rows nobody reads again inside
 * the transaction (job notes, live events) wait until its work is done and then go in with every
 * other waiting row, of every table, in one statement.
 */
export type BehindTable<R> = {
  /** An INSERT … RETURNING for the rows, run as one WITH query of the flushing statement. */
  insert(db: Db, rows: R[]): OperationNodeSource;
  /** An expression evaluated once per returned row (for example a NOTIFY), in the same statement. */
  perRow?: RawBuilder<unknown>;
};

type Waiting = Map<BehindTable<never>, unknown[]>;

const open = new WeakMap<Db, Waiting>();

/**
 * Runs `work` inside the transaction `tx` with appends written behind: `appendBehind` queues their
 * rows instead of writing them, and they are written together, in the order they were queued,
 * when `work` has finished and before the caller commits. If `work` throws, nothing is written.
 * Only for transactions that do not read back what they append.
 */
export async function withWritesBehind<T>(tx: Db, work: () => Promise<T>): Promise<T> {
  const waiting: Waiting = new Map();
  open.set(tx, waiting);
  try {
    const result = await work();
    open.delete(tx);
    await flush(tx, waiting);
    return result;
  } finally {
    open.delete(tx);
  }
}

/**
 * Queues `rows` for `table` when `db` is a transaction that writes behind and returns true;
 * otherwise returns false and the caller writes them now.
 */
export function appendBehind<R>(db: Db, table: BehindTable<R>, rows: R[]): boolean {
  const waiting = open.get(db);
  if (!waiting) return false;
  const key = table as BehindTable<never>;
  const queued = waiting.get(key);
  if (queued) queued.push(...rows);
  else waiting.set(key, [...rows]);
  return true;
}

async function flush(tx: Db, waiting: Waiting) {
  const tables = [...waiting].filter(([, rows]) => rows.length > 0);
  if (!tables.length) return;
  const ctes = tables.map(
    ([table, rows], i) => sql`${sql.ref(`w${i}`)} AS (${table.insert(tx, rows as never[])})`,
  );
  const counts = tables.map(
    ([table], i) => sql`(SELECT count(${table.perRow ?? sql`1`}) FROM ${sql.ref(`w${i}`)})`,
  );
  await sql`WITH ${sql.join(ctes)} SELECT ${sql.join(counts)}`.execute(tx);
}
