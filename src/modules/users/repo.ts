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

/** The profile shown by `GET /api/me`. */
export function findProfile(db: Db, userId: string) {
  return db
    .selectFrom('users as u')
    .leftJoin('sites as s', 's.id', 'u.site_id')
    .leftJoin('teams as t', 't.id', 'u.team_id')
    .select([
      'u.id',
      'u.name',
      'u.email',
      'u.role',
      's.slug as siteSlug',
      's.name as siteName',
      's.time_zone as siteTimeZone',
      'u.team_id as teamId',
      't.name as teamName',
      't.kind as teamKind',
      'u.presence',
      'u.supervisor_id as supervisorId',
    ])
    .where('u.id', '=', userId)
    .executeTakeFirst();
}
