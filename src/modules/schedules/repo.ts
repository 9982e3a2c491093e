import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../../db/client.ts';

export function findSiteBySlug(db: Db, slug: string) {
  return db.selectFrom('sites').selectAll().where('slug', '=', slug).executeTakeFirst();
}

export function findUser(db: Db, id: string) {
  return db
    .selectFrom('users')
    .select(['id', 'name', 'role', 'is_active'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export function listSchedules(db: Db, siteId: string) {
  return db
    .selectFrom('member_schedules as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['m.id', 'm.user_id', 'u.name as user_name', 'm.weekday', 'm.start_minute', 'm.end_minute'])
    .where('m.site_id', '=', siteId)
    .orderBy('u.name')
    .orderBy('m.weekday')
    .orderBy('m.start_minute')
    .execute();
}

export function listExceptions(db: Db, siteId: string, fromDate?: string, toDate?: string) {
  let query = db
    .selectFrom('schedule_exceptions as e')
    .leftJoin('users as u', 'u.id', 'e.user_id')
    .select([
      'e.id',
      'e.user_id',
      'u.name as user_name',
      'e.date',
      'e.kind',
      'e.start_minute',
      'e.end_minute',
      'e.note',
    ])
    .where('e.site_id', '=', siteId);
  if (fromDate) query = query.where('e.date', '>=', fromDate);
  if (toDate) query = query.where('e.date', '<=', toDate);
  return query.orderBy('e.date').execute();
}

export async function insertSchedule(
  db: Db,
  row: { siteId: string; userId: string; weekday: number; startMinute: number; endMinute: number },
) {
  const inserted = await db
    .insertInto('member_schedules')
    .values({
      site_id: row.siteId,
      user_id: row.userId,
      weekday: row.weekday,
      start_minute: row.startMinute,
      end_minute: row.endMinute,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
}

export function findSchedule(db: Db, id: string) {
  return db.selectFrom('member_schedules').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateSchedule(
  db: Db,
  id: string,
  change: { weekday: number; start_minute: number; end_minute: number },
) {
  await db.updateTable('member_schedules').set(change).where('id', '=', id).execute();
}

export async function deleteSchedule(db: Db, id: string) {
  const result = await db.deleteFrom('member_schedules').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function insertException(
  db: Db,
  row: {
    siteId: string;
    userId: string | null;
    date: string;
    kind: 'off' | 'extra';
    startMinute: number | null;
    endMinute: number | null;
    note: string;
  },
) {
  const inserted = await db
    .insertInto('schedule_exceptions')
    .values({
      site_id: row.siteId,
      user_id: row.userId,
      date: row.date,
      kind: row.kind,
      start_minute: row.startMinute,
      end_minute: row.endMinute,
      note: row.note,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
}

export async function deleteException(db: Db, id: string) {
  const result = await db.deleteFrom('schedule_exceptions').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows);
}

export type StaffingRow = {
  schedules: Array<{ user_id: string; weekday: number; start_minute: number; end_minute: number }> | null;
  exceptions: Array<{
    user_id: string | null;
    date: string;
    kind: 'off' | 'extra';
    start_minute: number | null;
    end_minute: number | null;
  }> | null;
};

/**
 * The two columns of a `StaffingRow` (`schedules`, `exceptions`) for a select list: active
 * members' weekly hours and the dated exceptions between two dates. `siteId` is a value or a
 * reference to the site's id in the caller's query (booking reads staffing in its own round trip).
 */
export function staffingColumns(siteId: string | RawBuilder<unknown>, fromDate: string, toDate: string) {
  return sql`
    (SELECT json_agg(json_build_object('user_id', m.user_id, 'weekday', m.weekday,
        'start_minute', m.start_minute, 'end_minute', m.end_minute))
      FROM member_schedules m JOIN users u ON u.id = m.user_id
      WHERE m.site_id = ${siteId} AND u.is_active) AS schedules,
    (SELECT json_agg(json_build_object('user_id', e.user_id, 'date', e.date, 'kind', e.kind,
        'start_minute', e.start_minute, 'end_minute', e.end_minute))
      FROM schedule_exceptions e
      WHERE e.site_id = ${siteId} AND e.date BETWEEN ${fromDate} AND ${toDate}) AS exceptions`;
}

/** Active members' weekly hours and the dated exceptions between two dates, in one round trip. */
export async function loadStaffing(db: Db, siteId: string, fromDate: string, toDate: string) {
  const result = await sql<StaffingRow>`SELECT ${staffingColumns(siteId, fromDate, toDate)}`.execute(db);
  return result.rows[0] ?? { schedules: null, exceptions: null };
}

/** A site by its page's slug with its staffing between two site-local dates, in one statement. */
export async function findSiteWithStaffing(db: Db, slug: string, fromDate: string, toDate: string) {
  const result = await sql<DeskRow & StaffingRow>`
    SELECT s.id, s.slug, s.name, s.time_zone, s.window_minutes, s.callbacks_per_member,
      s.min_notice_minutes, s.booking_horizon_days, ${staffingColumns(sql.ref('s.id'), fromDate, toDate)}
    FROM sites s WHERE s.slug = ${slug}`.execute(db);
  return result.rows[0];
}

export type DeskRow = {
  id: string;
  slug: string;
  name: string;
  time_zone: string;
  window_minutes: number;
  callbacks_per_member: number;
  min_notice_minutes: number;
  booking_horizon_days: number;
};
