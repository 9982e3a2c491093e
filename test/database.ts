import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import pg from 'pg';
import { type DatabaseHandle, openPglite, openPostgres } from '../src/db/client.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { seedDemo } from '../src/seed/seed-demo.ts';

/**
 * Each test file gets its own database, copied from a template that `scripts/test.ts` migrated and
 * seeded with the demo organisation once per run: a PGlite dump, or a PostgreSQL template database.
 * Run alone (`node --test file`), a file builds its own PGlite from scratch.
 */
export async function createTestDatabase(): Promise<DatabaseHandle> {
  const engine = process.env.TEST_ENGINE ?? 'pglite';
  if (engine === 'postgres') return createPostgresDatabase();
  const template = process.env.TEST_PGLITE_TEMPLATE;
  if (template) {
    const blob = new Blob([await readFile(template)]);
    return openPglite(undefined, blob);
  }
  const handle = await openPglite(undefined);
  await migrateToLatest(handle.db);
  await seedDemo(handle.db);
  return handle;
}

async function createPostgresDatabase(): Promise<DatabaseHandle> {
  const baseUrl = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const template = process.env.TEST_PG_TEMPLATE;
  const name = `ed_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  try {
    await admin.query(template ? `CREATE DATABASE ${name} TEMPLATE ${template}` : `CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  const handle = await openPostgres(url.toString(), { max: 12 });
  if (!template) {
    await migrateToLatest(handle.db);
    await seedDemo(handle.db);
  }
  const close = handle.close;
  return {
    ...handle,
    async close() {
      await close();
      const dropper = new pg.Client({ connectionString: baseUrl });
      await dropper.connect();
      try {
        await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await dropper.end();
      }
    },
  };
}

/** The URL of a test database on PostgreSQL, for tests that start extra processes. */
export function postgresUrlOf(handle: DatabaseHandle): string | undefined {
  const options = handle.pool?.options as { connectionString?: string } | undefined;
  return options?.connectionString;
}
