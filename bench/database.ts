// Databases and processes of a benchmark run, and their cleanup. Every PostgreSQL database a run
// creates is named `ed_bench_<label>_<pid>`: dropped in `finally`, on SIGINT/SIGTERM (bench/run.ts
// calls `cleanUpRun`), and, should the run have died outright, by the next run's
// `dropDeadRunDatabases` (the pid in the name no longer runs).
import pg from 'pg';
import { type DatabaseHandle, openPglite, openPostgres } from '../src/db/client.ts';

export const benchDatabasePrefix = 'ed_bench_';

/** The server a run creates its databases on (its own database is only used to connect). */
export const adminUrl =
  process.env.BENCH_DATABASE_URL ??
  process.env.BENCH_PG_URL ??
  process.env.TEST_PG_URL ??
  'postgres://postgres@127.0.0.1:5432/postgres';

const cleanups = new Set<() => Promise<void>>();

/** Registers work to undo if the run is cut short; returns the function that unregisters it. */
export function onCleanUp(undo: () => Promise<void>): () => void {
  cleanups.add(undo);
  return () => cleanups.delete(undo);
}

/** Runs every registered undo (servers stopped, databases dropped), each once. */
export async function cleanUpRun(): Promise<void> {
  const pending = [...cleanups];
  cleanups.clear();
  for (const undo of pending) await undo().catch((error) => console.error(`cleanup: ${String(error)}`));
}

async function withAdmin<T>(work: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Drops the databases of runs whose process is gone; returns their names. */
export async function dropDeadRunDatabases(): Promise<string[]> {
  return withAdmin(async (admin) => {
    const { rows } = await admin.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE starts_with(datname, $1)`,
      [benchDatabasePrefix],
    );
    const dead = rows
      .map((row) => row.datname)
      .filter((name) => {
        const pid = Number(/_(\d+)$/.exec(name)?.[1]);
        return Number.isInteger(pid) && pid !== process.pid && !isRunning(pid);
      });
    for (const name of dead) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    return dead;
  });
}

/** A fresh PostgreSQL database of this run, dropped by `drop()` or by the run's cleanup. */
export async function createBenchDatabase(label: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${benchDatabasePrefix}${label}_${process.pid}`;
  const drop = () =>
    withAdmin(async (admin) => void (await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)));
  await drop();
  await withAdmin((admin) => admin.query(`CREATE DATABASE ${name}`));
  const unregister = onCleanUp(drop);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      unregister();
      await drop();
    },
  };
}

/**
 * A database of the benchmark's own: in-memory PGlite, or with BENCH_DATABASE_URL a fresh
 * PostgreSQL database created beside it and dropped on close.
 */
export async function openBenchDatabase(
  name: string,
  options: { max?: number } = {},
): Promise<DatabaseHandle> {
  if (!process.env.BENCH_DATABASE_URL) return openPglite(undefined);
  const database = await createBenchDatabase(name);
  const handle = await openPostgres(database.url, { max: options.max ?? 4 });
  return {
    ...handle,
    async close() {
      await handle.close();
      await database.drop();
    },
  };
}
