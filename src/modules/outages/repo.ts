import type { Db } from '../../db/client.ts';

function selectOutages(db: Db) {
  return db
    .selectFrom('outages as o')
    .innerJoin('users as u', 'u.id', 'o.declared_by')
    .select((eb) => [
      'o.id',
      'o.title',
      'o.guidance',
      'o.script',
      'o.started_at as startedAt',
      'o.ended_at as endedAt',
      'o.declared_by as declaredById',
      'u.name as declaredByName',
      eb
        .selectFrom('outage_sites as os')
        .innerJoin('sites as s', 's.id', 'os.site_id')
        .select((inner) => inner.fn.agg<string[]>('array_agg', ['s.slug']).as('slugs'))
        .whereRef('os.outage_id', '=', 'o.id')
        .as('siteSlugs'),
    ]);
}

export type OutageRow = NonNullable<Awaited<ReturnType<typeof findOutage>>>;

export function findOutage(db: Db, id: string) {
  return selectOutages(db).where('o.id', '=', id).executeTakeFirst();
}

/** Outages not yet ended; with a site, only those covering it. Newest first. */
export function listActiveOutages(db: Db, siteId: string | null) {
  let query = selectOutages(db).where('o.ended_at', 'is', null);
  if (siteId) {
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('outage_sites as c')
          .select('c.site_id')
          .whereRef('c.outage_id', '=', 'o.id')
          .where('c.site_id', '=', siteId),
      ),
    );
  }
  return query.orderBy('o.started_at', 'desc').execute();
}

export function listRecentOutages(db: Db, limit: number) {
  return selectOutages(db).orderBy('o.started_at', 'desc').limit(limit).execute();
}

export function findSitesBySlug(db: Db, slugs: string[]) {
  return db.selectFrom('sites').select(['id', 'slug']).where('slug', 'in', slugs).execute();
}

export async function insertOutage(
  db: Db,
  row: { title: string; guidance: string; script: string; declaredBy: string; startedAt: Date },
  siteIds: string[],
) {
  const { id } = await db
    .insertInto('outages')
    .values({
      title: row.title,
      guidance: row.guidance,
      script: row.script,
      declared_by: row.declaredBy,
      started_at: row.startedAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('outage_sites')
    .values(siteIds.map((siteId) => ({ outage_id: id, site_id: siteId })))
    .execute();
  return id;
}

/** Ends an outage still running; false when it had already ended (or never existed). */
export async function endOutage(db: Db, id: string, endedBy: string, endedAt: Date) {
  const result = await db
    .updateTable('outages')
    .set({ ended_at: endedAt, ended_by: endedBy })
    .where('id', '=', id)
    .where('ended_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export function findOutageSiteIds(db: Db, id: string) {
  return db.selectFrom('outage_sites').select('site_id').where('outage_id', '=', id).execute();
}

export async function updateOutageTexts(
  db: Db,
  id: string,
  patch: { title?: string; guidance?: string; script?: string },
) {
  if (Object.keys(patch).length === 0) return;
  await db.updateTable('outages').set(patch).where('id', '=', id).execute();
}

/** Replaces the sites an outage covers. */
export async function replaceOutageSites(db: Db, id: string, siteIds: string[]) {
  await db.deleteFrom('outage_sites').where('outage_id', '=', id).execute();
  await db
    .insertInto('outage_sites')
    .values(siteIds.map((siteId) => ({ outage_id: id, site_id: siteId })))
    .execute();
}

/** Locks an outage for an edit (a concurrent end waits); undefined when it does not exist. */
export function lockOutage(db: Db, id: string) {
  return db
    .selectFrom('outages')
    .select(['id', 'ended_at'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}
