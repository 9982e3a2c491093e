import { type DatabaseHandle, openPglite, openPostgres } from '../src/db/client.ts';

/**
 * A database of the benchmark's own: in-memory PGlite, or with BENCH_DATABASE_URL a fresh
 * PostgreSQL database created beside it and dropped on close.
 */
export async function openBenchDatabase(
  name: string,
  options: { max?: number } = {},
): Promise<DatabaseHandle> {
  const url = process.env.BENCH_DATABASE_URL;
  if (!url) return openPglite(undefined);
  const pg = await import('pg');
  const admin = new pg.default.Client({ connectionString: url });
  await admin.connect();
  const database = `ed_bench_${name}_${process.pid}`;
  await admin.query(`CREATE DATABASE ${database}`);
  const target = new URL(url);
  target.pathname = `/${database}`;
  const handle = await openPostgres(target.toString(), { max: options.max ?? 4 });
  return {
    ...handle,
    async close() {
      await handle.close();
      await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await admin.end();
    },
  };
}
