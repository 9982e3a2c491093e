// Baselines for benchmarks: the statements a piece of our code sends, captured once and replayed
// straight to the engine (no query building, no mapping, no JavaScript of ours in between).
import { type CompiledQuery, Kysely, PGliteDialect, PostgresDialect } from 'kysely';
import type { DatabaseHandle } from '../src/db/client.ts';
import type { Database } from '../src/db/schema.ts';

/** Runs `work` on a database handle that records every statement it sends, and returns them. */
export async function captureStatements<T>(
  handle: DatabaseHandle,
  work: (db: Kysely<Database>) => Promise<T>,
): Promise<{ result: T; statements: CompiledQuery[] }> {
  const statements: CompiledQuery[] = [];
  const db = new Kysely<Database>({
    dialect: handle.pglite
      ? new PGliteDialect({ pglite: handle.pglite })
      : new PostgresDialect({ pool: handle.pool! }),
    log: (event) => {
      if (event.level === 'query') statements.push(event.query);
    },
  });
  // Not destroyed: it shares the handle's PGlite or pool, which the handle closes.
  const result = await work(db);
  return { result, statements };
}

/** Writes a parameter as an SQL literal, so a captured statement can be replayed as plain text. */
function literal(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return `'${value.toISOString()}'`;
  if (Array.isArray(value))
    return `'{${value.map((v) => `"${String(v).replace(/["\\]/g, '\\$&')}"`).join(',')}}'`;
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return `'${text.replace(/'/g, "''")}'`;
}

/** A statement with its parameters written in as literals (highest number first: $12 before $1). */
function inline(query: CompiledQuery): string {
  let text = query.sql;
  for (let i = query.parameters.length; i >= 1; i--) {
    text = text.replaceAll(`$${i}`, literal(query.parameters[i - 1]));
  }
  return text;
}

/** The captured statements, without their BEGIN and COMMIT, as one transaction of plain SQL text. */
export function transactionScript(statements: CompiledQuery[]): { script: string; count: number } {
  const body = statements.filter((q) => !/^(begin|commit|rollback)/i.test(q.sql.trim())).map(inline);
  return { script: `BEGIN;\n${body.join(';\n')};\nCOMMIT;`, count: body.length };
}

/** Sends plain SQL text (several statements) to the engine in one round trip. */
export function rawScriptRunner(handle: DatabaseHandle): (text: string) => Promise<unknown> {
  if (handle.pglite) return (text) => handle.pglite!.exec(text);
  return async (text) => {
    const client = await handle.pool!.connect();
    try {
      await client.query(text);
    } finally {
      client.release();
    }
  };
}

/** Sends one captured statement with its parameters straight to the driver. */
export function rawQueryRunner(handle: DatabaseHandle): (query: CompiledQuery) => Promise<unknown> {
  if (handle.pglite) return (query) => handle.pglite!.query(query.sql, [...query.parameters]);
  return (query) => handle.pool!.query(query.sql, [...query.parameters]);
}

export function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}
