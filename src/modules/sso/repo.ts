import type { Db } from '../../db/client.ts';
import type { Role } from '../../db/schema.ts';

export function listRules(db: Db) {
  return db
    .selectFrom('sso_rules as r')
    .leftJoin('sites as s', 's.id', 'r.site_id')
    .select([
      'r.id',
      'r.position',
      'r.claim_value as claimValue',
      'r.role',
      's.slug as siteSlug',
      'r.team_id as teamId',
      'r.site_id as siteId',
      'r.created_at as createdAt',
    ])
    .orderBy('r.position')
    .execute();
}

export type RuleRow = Awaited<ReturnType<typeof listRules>>[number];

export async function insertRule(
  db: Db,
  rule: { claimValue: string; role: Role; siteId: string | null; teamId: string | null; now: Date },
) {
  const row = await db
    .insertInto('sso_rules')
    .values({
      claim_value: rule.claimValue,
      role: rule.role,
      site_id: rule.siteId,
      team_id: rule.teamId,
      created_at: rule.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function deleteRule(db: Db, id: string) {
  const result = await db.deleteFrom('sso_rules').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export function findSiteIdBySlug(db: Db, slug: string) {
  return db.selectFrom('sites').select('id').where('slug', '=', slug).executeTakeFirst();
}

export function findTeam(db: Db, id: string) {
  return db.selectFrom('teams').select('id').where('id', '=', id).executeTakeFirst();
}

/** The user an identity provider's subject signed in as before, active or not. */
export function findIdentityUser(db: Db, issuer: string, subject: string) {
  return db
    .selectFrom('sso_identities as i')
    .innerJoin('users as u', 'u.id', 'i.user_id')
    .select(['u.id', 'u.is_active as isActive'])
    .where('i.issuer', '=', issuer)
    .where('i.subject', '=', subject)
    .executeTakeFirst();
}

export function findUserByEmail(db: Db, email: string) {
  return db
    .selectFrom('users')
    .select(['id', 'is_active as isActive'])
    .where('email', '=', email.toLowerCase())
    .executeTakeFirst();
}

export async function insertIdentity(
  db: Db,
  row: { issuer: string; subject: string; userId: string; now: Date },
) {
  await db
    .insertInto('sso_identities')
    .values({ issuer: row.issuer, subject: row.subject, user_id: row.userId, created_at: row.now })
    .onConflict((oc) => oc.columns(['issuer', 'subject']).doNothing())
    .execute();
}
