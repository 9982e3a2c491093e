// Capturing what a request sends: recording the statements of `pg` clients and of a PGlite
// instance, and swapping ids so a captured booking can be replayed on another escalation.
import pg from 'pg';
import type { DatabaseHandle } from '../../src/db/client.ts';

export type Statement = { text: string; values: unknown[] };

export type Recorder = { statements: Statement[] | null };

/** Records every statement `pg` clients of this process send while `recorder.statements` is set. */
export function recordPgStatements(recorder: Recorder) {
  const prototype = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = prototype.query;
  prototype.query = function (this: unknown, ...args: unknown[]) {
    const [first, second] = args;
    if (recorder.statements) {
      if (typeof first === 'string')
        recorder.statements.push({ text: first, values: [...((second as unknown[]) ?? [])] });
      else if (first && typeof first === 'object' && 'text' in first) {
        const config = first as { text: string; values?: unknown[] };
        recorder.statements.push({ text: config.text, values: [...(config.values ?? [])] });
      }
    }
    return original.apply(this, args);
  };
  return () => {
    prototype.query = original;
  };
}

/**
 * Records every statement sent to this PGlite instance while `recorder.statements` is set. Kysely
 * runs a transaction through `pglite.transaction(tx => …)`: it is recorded as BEGIN, the
 * statements sent to `tx`, and COMMIT (or ROLLBACK), which is how the replay sends it.
 */
export function recordPgliteStatements(handle: DatabaseHandle, recorder: Recorder) {
  type Queryable = { query: (...args: unknown[]) => Promise<unknown> };
  const note = (text: string, values: unknown) => {
    recorder.statements?.push({ text, values: [...((values as unknown[]) ?? [])] });
  };
  const recording = <Q extends Queryable>(target: Q): Q =>
    new Proxy(target, {
      get(object, key, receiver) {
        const value = Reflect.get(object, key, receiver);
        if (key !== 'query') return typeof value === 'function' ? value.bind(object) : value;
        return (...args: unknown[]) => {
          note(args[0] as string, args[1]);
          return object.query(...args);
        };
      },
    });
  const pglite = handle.pglite! as unknown as Queryable & {
    transaction: (work: (tx: Queryable) => Promise<unknown>) => Promise<unknown>;
  };
  const query = pglite.query.bind(pglite);
  const transaction = pglite.transaction.bind(pglite);
  pglite.query = (...args: unknown[]) => {
    note(args[0] as string, args[1]);
    return query(...args);
  };
  pglite.transaction = async (work) => {
    note('BEGIN', []);
    try {
      const result = await transaction((tx) => work(recording(tx)));
      note('COMMIT', []);
      return result;
    } catch (error) {
      note('ROLLBACK', []);
      throw error;
    }
  };
}

/** The statement with every occurrence of each old id replaced (text and parameters). */
export function swapIds(statement: Statement, swaps: Map<string, string>): Statement {
  const swap = (value: unknown): unknown => {
    if (typeof value === 'string') {
      let text = value;
      for (const [from, to] of swaps) text = text.replaceAll(from, to);
      return text;
    }
    if (Array.isArray(value)) return value.map(swap);
    return value;
  };
  return { text: swap(statement.text) as string, values: statement.values.map(swap) };
}

export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
