import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FileMigrationProvider, Migrator } from 'kysely/migration';
import type { Db } from './client.ts';

const migrationFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

/** Runs every pending numbered migration; throws with the failing migration's name. */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({
    // biome-ignore lint/suspicious/noExplicitAny: migrations work on an untyped schema
    db: db as any,
    provider: new FileMigrationProvider({ fs, path, migrationFolder }),
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`migration ${failed?.migrationName ?? ''} failed: ${message}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Names of migrations not applied yet (readiness: a server must not take traffic on an old schema). */
export async function listPendingMigrations(db: Db): Promise<string[]> {
  const migrator = new Migrator({
    // biome-ignore lint/suspicious/noExplicitAny: migrations work on an untyped schema
    db: db as any,
    provider: new FileMigrationProvider({ fs, path, migrationFolder }),
  });
  const migrations = await migrator.getMigrations();
  return migrations.filter((m) => !m.executedAt).map((m) => m.name);
}
