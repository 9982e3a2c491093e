import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Config } from '../config.ts';
import type { Db } from './client.ts';

/** The `settings` row that holds the secret generated for an installation without APP_SECRET. */
export const installationSecretKey = 'installation_secret';

/**
 * The secret this installation signs customer links with, made once and kept in the database, so
 * it survives restarts and every process of the installation shares it. Two processes starting at
 * once both insert-if-absent and then read: they end up with the same value.
 */
export async function loadInstallationSecret(db: Db): Promise<string> {
  const candidate = randomBytes(32).toString('base64url');
  await db
    .insertInto('settings')
    .values({ key: installationSecretKey, value: sql`to_jsonb(${candidate}::text)` })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const row = await db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', installationSecretKey)
    .executeTakeFirstOrThrow();
  const value: unknown = row.value;
  if (typeof value !== 'string' || value.length < 32) {
    throw new Error(`the settings row "${installationSecretKey}" does not hold a usable secret`);
  }
  return value;
}

/** The configuration with its signing secret: APP_SECRET when set, else the installation's own. */
export async function withSigningSecret(config: Config, db: Db): Promise<Config> {
  if (config.secret) return config;
  return { ...config, secret: await loadInstallationSecret(db) };
}
