import type { Db } from '../../db/client.ts';

export function findSiteBySlug(db: Db, slug: string) {
  return db
    .selectFrom('sites')
    .select(['id', 'slug', 'name', 'calendar_token'])
    .where('slug', '=', slug)
    .executeTakeFirst();
}

/** A desk's appointments from `since` on, with what the leader needs to prepare the call. */
export function listDeskAppointments(db: Db, siteId: string, since: Date) {
  return db
    .selectFrom('appointments as a')
    .innerJoin('customers as c', 'c.id', 'a.customer_id')
    .innerJoin('escalations as e', 'e.id', 'a.escalation_id')
    .innerJoin('jobs as j', 'j.id', 'e.job_id')
    .select([
      'a.id',
      'a.starts_at',
      'a.ends_at',
      'a.status',
      'a.sequence',
      'a.updated_at',
      'a.customer_time_zone',
      'c.name as customer_name',
      'c.phone as customer_phone',
      'j.number as job_number',
      'e.summary',
    ])
    .where('a.site_id', '=', siteId)
    .where('a.ends_at', '>=', since)
    .orderBy('a.starts_at')
    .execute();
}
