import { type OperationNodeSource, type RawBuilder, sql } from 'kysely';
import type { Db } from './client.ts';

/**
 * A write that can wait behind a transaction's back: rows nobody reads again inside the
 * transaction (job notes, live events, timers, outgoing mail, a status set once) wait until its
 * work is done and then go in with every other waiting row, of every table, in one statement.
 */
export type BehindWrite<R> = {
  /**
   * An INSERT or UPDATE for the rows, run as one WITH query of the flushing statement. All of them
   * see the database as it was before the statement, so an UPDATE must touch each row at most once
   * and never a row another waiting write inserts. RETURNING only when `refused` or `perRow` needs
   * the rows: under row security a RETURNING makes PostgreSQL check each new row against the
   * writer's read policy, and what a person's request writes need not be theirs to read (an
   * agent's booking writes a callback team's task and its promises, in the same statement).
   */
  write(db: Db, rows: R[]): OperationNodeSource;
  /** An expression evaluated once per returned row (for example a NOTIFY), in the same statement. */
  perRow?: RawBuilder<unknown>;
  /**
   * For a conditional write (one that may write fewer rows than it was given, like taking a place
   * only while places are left): the error to fail the transaction with when it did. Called in
   * the transaction, after the flushing statement.
   */
  refused?: (rows: R[], written: number) => Promise<Error>;
};

type Waiting = Map<BehindWrite<never>, unknown[]>;

const open = new WeakMap<Db, Waiting>();

/**
 * Runs `work` inside the transaction `tx` with writes behind: `writeBehind` queues their rows
 * instead of writing them, and they are written together, each table's in the order they were
 * queued, when `work` has finished and before the caller commits. If `work` throws, nothing is
 * written. Only for work that does not read back what it writes this way.
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
 * Queues `rows` for `write` when `db` is a transaction that writes behind and returns true;
 * otherwise returns false and the caller writes them now.
 */
export function writeBehind<R>(db: Db, write: BehindWrite<R>, rows: R[]): boolean {
  const waiting = open.get(db);
  if (!waiting) return false;
  const key = write as BehindWrite<never>;
  const queued = waiting.get(key);
  if (queued) queued.push(...rows);
  else waiting.set(key, [...rows]);
  return true;
}

/**
 * Writes now, in one statement, or, in a transaction that writes behind, with its other waiting
 * writes: the same statement either way (a refused conditional write throws its error either way).
 */
export async function writeNowOrBehind(db: Db, ...writes: [BehindWrite<never>, unknown[]][]): Promise<void> {
  const now: Waiting = new Map();
  for (const [write, rows] of writes) {
    if (rows.length && !writeBehind(db, write, rows as never[])) now.set(write, rows);
  }
  await flush(db, now);
}

/** One write and its rows, for `writeNowOrBehind`. */
export function rowsFor<R>(write: BehindWrite<R>, rows: R[]): [BehindWrite<never>, unknown[]] {
  return [write as BehindWrite<never>, rows];
}

async function flush(tx: Db, waiting: Waiting) {
  const writes = [...waiting].filter(([, rows]) => rows.length > 0);
  if (!writes.length) return;
  const ctes = writes.map(
    ([write, rows], i) => sql`${sql.ref(`w${i}`)} AS (${write.write(tx, rows as never[])})`,
  );
  const columns = writes.flatMap(([write], i) => {
    if (!write.refused && !write.perRow) return [];
    const written = sql`(SELECT count(*) FROM ${sql.ref(`w${i}`)}) AS ${sql.ref(`n${i}`)}`;
    return write.perRow
      ? [written, sql`(SELECT count(${write.perRow}) FROM ${sql.ref(`w${i}`)}) AS ${sql.ref(`p${i}`)}`]
      : [written];
  });
  const result = await sql<Record<string, number | string>>`
    WITH ${sql.join(ctes)} SELECT ${columns.length ? sql.join(columns) : sql`1`}`.execute(tx);
  const written = result.rows[0]!;
  for (const [i, [write, rows]] of writes.entries()) {
    const count = Number(written[`n${i}`]);
    if (write.refused && count < rows.length) throw await write.refused(rows as never[], count);
  }
}
