import type { Db } from '../../db/client.ts';
import type { Presence, Role } from '../../db/schema.ts';

export const deskRoles: Role[] = ['supervisor', 'lead', 'sme'];

export function findSiteBySlug(db: Db, slug: string) {
  return db
    .selectFrom('sites')
    .select(['id', 'slug', 'name', 'time_zone', 'transfer_threshold_seconds'])
    .where('slug', '=', slug)
    .executeTakeFirst();
}

export function findSiteById(db: Db, id: string) {
  return db
    .selectFrom('sites')
    .select(['id', 'slug', 'name', 'time_zone', 'transfer_threshold_seconds'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}

export function findPerson(db: Db, id: string) {
  return db
    .selectFrom('users')
    .select(['id', 'name', 'email', 'role', 'site_id', 'presence', 'is_active', 'supervisor_id'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function updatePresence(db: Db, userId: string, presence: Presence) {
  await db.updateTable('users').set({ presence }).where('id', '=', userId).execute();
}

/** Sets `to` only where the member is still `from` (an answer's "busy" does not override "away"). */
export async function updatePresenceIf(db: Db, userId: string, from: Presence, to: Presence) {
  const result = await db
    .updateTable('users')
    .set({ presence: to })
    .where('id', '=', userId)
    .where('presence', '=', from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Active desk members of a site (supervisors, leads, SMEs attached to it), with any live transfer they hold. */
export function listDeskMembers(db: Db, siteId: string) {
  return db
    .selectFrom('users as u')
    .select((eb) => [
      'u.id',
      'u.name',
      'u.role',
      'u.presence',
      eb
        .selectFrom('transfer_requests as t')
        .select('t.id')
        .whereRef('t.answered_by', '=', 'u.id')
        .where('t.status', 'in', ['answered', 'conferenced'])
        .limit(1)
        .as('activeTransferId'),
    ])
    .where('u.site_id', '=', siteId)
    .where('u.role', 'in', deskRoles)
    .where('u.is_active', '=', true)
    .orderBy('u.name')
    .execute();
}

export async function countAvailableMembers(db: Db, siteId: string): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('site_id', '=', siteId)
    .where('role', 'in', deskRoles)
    .where('is_active', '=', true)
    .where('presence', '=', 'available')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Available supervisors of a site, those with the fewest pending permission questions first. */
export function listAvailableSupervisors(db: Db, siteId: string, exceptId: string | null) {
  let query = db
    .selectFrom('users as u')
    .select((eb) => [
      'u.id',
      'u.name',
      eb
        .selectFrom('callback_permissions as p')
        .select((inner) => inner.fn.countAll<number>().as('n'))
        .whereRef('p.supervisor_id', '=', 'u.id')
        .where('p.status', '=', 'pending')
        .as('pending'),
    ])
    .where('u.site_id', '=', siteId)
    .where('u.role', '=', 'supervisor')
    .where('u.is_active', '=', true)
    .where('u.presence', '=', 'available');
  if (exceptId) query = query.where('u.id', '!=', exceptId);
  return query.orderBy('pending').orderBy('u.name').execute();
}

/** Records a heartbeat of the person's open tab. */
export async function touchLastSeen(db: Db, userId: string, at: Date) {
  await db.updateTable('users').set({ last_seen_at: at }).where('id', '=', userId).execute();
}

/**
 * Desk members whose tab went silent before `cutoff` and who still show a presence: set offline
 * in one statement, returned so each is announced. Never-seen members (null) are left alone: they
 * work through the API, not a tab, and set their presence themselves.
 */
export function setSilentMembersOffline(db: Db, cutoff: Date) {
  return db
    .updateTable('users')
    .set({ presence: 'offline' })
    .where('role', 'in', deskRoles)
    .where('presence', '!=', 'offline')
    .where('last_seen_at', '<', cutoff)
    .where('site_id', 'is not', null)
    .returning(['id', 'name', 'site_id'])
    .execute();
}
