import { PGlite } from '@electric-sql/pglite';
import { Kysely, PGliteDialect, PostgresDialect } from 'kysely';
import pg from 'pg';
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
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10 });
  pool.on('error', () => {
    // An idle client lost its connection; the pool replaces it on next use.
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
  const handle = config.databaseUrl
    ? await openPostgres(config.databaseUrl)
    : await openPglite(config.dataDir === ':memory:' ? undefined : config.dataDir);
  try {
    await handle.db.selectNoFrom((eb) => eb.val(1).as('one')).execute();
  } catch (error) {
    await handle.close().catch(() => {});
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`cannot reach the database (${describe(config)}): ${reason}`);
  }
  return handle;
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
