import type { Db } from '../../db/client.ts';

export function findUserByEmail(db: Db, email: string) {
  return db
    .selectFrom('users')
    .select(['id', 'password_hash', 'is_active'])
    .where('email', '=', email.toLowerCase())
    .executeTakeFirst();
}

export async function insertSession(db: Db, row: { tokenHash: string; userId: string; expiresAt: Date }) {
  await db
    .insertInto('sessions')
    .values({ token_hash: row.tokenHash, user_id: row.userId, expires_at: row.expiresAt })
    .execute();
}

export async function deleteSession(db: Db, tokenHash: string) {
  await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
}

export async function insertApiToken(db: Db, row: { userId: string; name: string; tokenHash: string }) {
  return db
    .insertInto('api_tokens')
    .values({ user_id: row.userId, name: row.name, token_hash: row.tokenHash })
    .returning(['id', 'name', 'created_at'])
    .executeTakeFirstOrThrow();
}

/** A user's live API tokens, newest first; never their hash. */
export function listApiTokens(db: Db, userId: string) {
  return db
    .selectFrom('api_tokens')
    .select(['id', 'name', 'created_at', 'last_used_at'])
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute();
}

/** Revokes one of the user's live tokens; false when they have no such token. */
export async function revokeApiToken(db: Db, userId: string, id: string, now: Date) {
  const result = await db
    .updateTable('api_tokens')
    .set({ revoked_at: now })
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Ends every session and revokes every API token of a user. */
export async function endAccessOf(db: Db, userId: string, now: Date) {
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
  await db
    .updateTable('api_tokens')
    .set({ revoked_at: now })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .execute();
}

export function findPasswordHash(db: Db, userId: string) {
  return db
    .selectFrom('users')
    .select(['email', 'password_hash'])
    .where('id', '=', userId)
    .executeTakeFirst();
}

export async function setPasswordHash(db: Db, userId: string, passwordHash: string) {
  await db.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', userId).execute();
}

/** Records one sign-in attempt as failed until it proves right; returns its id. */
export async function insertSignInFailure(db: Db, row: { email: string; address: string; failedAt: Date }) {
  const inserted = await db
    .insertInto('sign_in_failures')
    .values({ email: row.email, address: row.address, failed_at: row.failedAt })
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
}

export async function deleteSignInFailure(db: Db, id: string) {
  await db.deleteFrom('sign_in_failures').where('id', '=', id).execute();
}

/** Forgets an email's failures (after a right password); the daily housekeeping drops old ones. */
export async function forgetSignInFailures(db: Db, email: string) {
  await db.deleteFrom('sign_in_failures').where('email', '=', email).execute();
}

/** How many failures an email and an address have since `since`, and the oldest of each. */
export async function countSignInFailures(db: Db, email: string, address: string, since: Date) {
  const [byEmail, byAddress] = await Promise.all(
    (['email', 'address'] as const).map((column) =>
      db
        .selectFrom('sign_in_failures')
        .select((eb) => [eb.fn.countAll<string>().as('count'), eb.fn.min('failed_at').as('oldest')])
        .where(column, '=', column === 'email' ? email : address)
        .where('failed_at', '>', since)
        .executeTakeFirstOrThrow(),
    ),
  );
  return {
    email: { count: Number(byEmail!.count), oldest: byEmail!.oldest as Date | null },
    address: { count: Number(byAddress!.count), oldest: byAddress!.oldest as Date | null },
  };
}
