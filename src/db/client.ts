import type { PGlite } from '@electric-sql/pglite';
import { Kysely, PGliteDialect, PostgresDialect } from 'kysely';
import pg from 'pg';
import { lockDataFolder } from './folder-lock.ts';
import { withRowSecurity } from './row-security.ts';
import type { Database } from './schema.ts';

export type Db = Kysely<Database>;

export type DatabaseHandle = {
  db: Db;
  engine: 'pglite' | 'postgres';
  /** Present on PostgreSQL: a pool for LISTEN/NOTIFY and other raw work. */
  pool?: pg.Pool;
  /** Present on PGlite: the embedded instance (for listen/notify and dumps). */
  pglite?: PGlite;
  close(): Promise<void>;
};

// bigint (int8) and numeric come back as strings from pg and as numbers from PGlite: make both numbers.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));

export async function openPostgres(url: string, options: { max?: number } = {}): Promise<DatabaseHandle> {
  // A server that does not answer at all (a failover in progress) fails a request in 10 s with a
  // 503 instead of holding it forever; keepAlive finds a silently dead connection.
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    keepAlive: true,
    connectionTimeoutMillis: 10_000,
  });
  pool.on('error', () => {
    // An idle client lost its connection; the pool replaces it on next use.
  });
  // A client checked out of the pool reports a lost connection on itself, not on the pool, and an
  // 'error' with no listener ends the process. Its query fails as well, so the request answers
  // (503, see src/http/problem.ts) and the pool drops the client when it is released.
  pool.on('connect', (client) => {
    client.on('error', () => {});
  });
  const db = new Kysely<Database>({ dialect: withRowSecurity(new PostgresDialect({ pool })) });
  return {
    db,
    engine: 'postgres',
    pool,
    async close() {
      await db.destroy();
    },
  };
}

export async function openPglite(dataDir: string | undefined, loadDataDir?: Blob): Promise<DatabaseHandle> {
  // Imported here, not at the top: a server on PostgreSQL never loads the embedded engine.
  const { PGlite } = await import('@electric-sql/pglite');
  const pglite = await PGlite.create(dataDir, loadDataDir ? { loadDataDir } : {});
  const db = new Kysely<Database>({ dialect: withRowSecurity(new PGliteDialect({ pglite })) });
  return {
    db,
    engine: 'pglite',
    pglite,
    async close() {
      await db.destroy();
      if (!pglite.closed) await pglite.close();
    },
  };
}

/** Opens the configured engine and checks it answers, so a bad URL fails at start with one line. */
export async function openDatabase(config: {
  databaseUrl?: string;
  dataDir: string;
}): Promise<DatabaseHandle> {
  // An embedded folder is one process's at a time: refuse here, before PGlite touches it.
  const lock =
    config.databaseUrl || config.dataDir === ':memory:' ? undefined : await lockDataFolder(config.dataDir);
  let handle: DatabaseHandle;
  try {
    handle = config.databaseUrl
      ? await openPostgres(config.databaseUrl)
      : await openPglite(config.dataDir === ':memory:' ? undefined : config.dataDir);
  } catch (error) {
    lock?.release();
    throw error;
  }
  try {
    await handle.db.selectNoFrom((eb) => eb.val(1).as('one')).execute();
  } catch (error) {
    await handle.close().catch(() => {});
    lock?.release();
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`cannot reach the database (${describe(config)}): ${reason}`);
  }
  if (!lock) return handle;
  const close = handle.close;
  return { ...handle, close: () => close().finally(lock.release) };
}

function describe(config: { databaseUrl?: string; dataDir: string }): string {
  if (!config.databaseUrl) return `PGlite in ${config.dataDir}`;
  try {
    const url = new URL(config.databaseUrl);
    return `PostgreSQL at ${url.hostname}:${url.port || 5432}${url.pathname}`;
  } catch {
    return 'DATABASE_URL';
  }
}
