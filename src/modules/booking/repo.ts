import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../db/client.ts';

export function findSiteBySlug(db: Db, slug: string) {
  return db.selectFrom('sites').selectAll().where('slug', '=', slug).executeTakeFirst();
}

export function findSiteById(db: Db, id: string) {
  return db.selectFrom('sites').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

/** Places taken per window start in [from, to). */
export function listBookedCounts(db: Db, siteId: string, from: Date, to: Date) {
  return db
    .selectFrom('booking_windows')
    .select(['starts_at', 'booked'])
    .where('site_id', '=', siteId)
    .where('starts_at', '>=', from)
    .where('starts_at', '<', to)
    .where('booked', '>', 0)
    .execute();
}

/**
 * Takes one place in a window if fewer than `capacity` are taken, atomically: the upsert locks the
 * window's counter row, so concurrent bookings queue on it and the check sees the latest count.
 * Returns false when the window is full.
 */
export async function claimPlace(db: Db, siteId: string, startsAt: Date, capacity: number): Promise<boolean> {
  if (capacity < 1) return false;
  const result = await sql<{ booked: number }>`
    INSERT INTO booking_windows AS w (site_id, starts_at, booked) VALUES (${siteId}, ${startsAt}, 1)
    ON CONFLICT (site_id, starts_at) DO UPDATE SET booked = w.booked + 1 WHERE w.booked < ${capacity}
    RETURNING booked`.execute(db);
  return result.rows.length === 1;
}

export async function releasePlace(db: Db, siteId: string, startsAt: Date) {
  await db
    .updateTable('booking_windows')
    .set((eb) => ({ booked: eb('booked', '-', 1) }))
    .where('site_id', '=', siteId)
    .where('starts_at', '=', startsAt)
    .where('booked', '>', 0)
    .execute();
}

/**
 * What booking needs to know, in one round trip: the desk booked (by its page's slug) and the
 * escalation — its job, customer and site, whether a supervisor approved a callback, the callback
 * already booked for it (if any), and the approved Call Back comment to use: one written for one
 * of its reasons (in the reasons' list order), otherwise the general one. No row when either the
 * site or the escalation does not exist. Locks the escalation, so two bookings of one escalation
 * queue up.
 */
export function findBookingContext(db: Db, slug: string, escalationId: string) {
  return db
    .selectFrom('escalations as e')
    .innerJoin('jobs as j', 'j.id', 'e.job_id')
    .innerJoin('customers as c', 'c.id', 'e.customer_id')
    .innerJoin('sites as s', (join) => join.on('s.slug', '=', slug))
    .select((eb) => [
      's.id as desk_id',
      's.slug as desk_slug',
      's.name as desk_name',
      's.time_zone as desk_time_zone',
      's.window_minutes',
      's.callbacks_per_member',
      's.min_notice_minutes',
      's.booking_horizon_days',
      eb
        .exists(
          eb
            .selectFrom('callback_permissions as p')
            .select('p.id')
            .whereRef('p.escalation_id', '=', 'e.id')
            .where('p.status', '=', 'approved'),
        )
        .as('callback_approved'),
      'e.id',
      'e.site_id',
      'e.status',
      'e.job_id',
      'j.number as job_number',
      'e.customer_id',
      'c.name as customer_name',
      'c.email as customer_email',
      'c.phone as customer_phone',
      'c.time_zone as customer_time_zone',
      eb
        .selectFrom('escalation_reason_links as l')
        .select((inner) => inner.fn.agg<string[]>('array_agg', ['l.reason_id']).as('ids'))
        .whereRef('l.escalation_id', '=', 'e.id')
        .as('reason_ids'),
      eb
        .selectFrom('appointments as a')
        .select('a.id')
        .whereRef('a.escalation_id', '=', 'e.id')
        .where('a.status', '=', 'booked')
        .limit(1)
        .as('booked_appointment_id'),
      eb
        .selectFrom('exception_comments as ec')
        .innerJoin('exception_types as t', 't.id', 'ec.exception_type_id')
        .leftJoin('escalation_reasons as r', 'r.id', 'ec.reason_id')
        .select('ec.id')
        .where('t.code', '=', 'call_back')
        .where('ec.is_active', '=', true)
        .where((inner) =>
          inner.or([
            inner('ec.reason_id', 'is', null),
            inner(
              'ec.reason_id',
              'in',
              inner
                .selectFrom('escalation_reason_links as l')
                .select('l.reason_id')
                .whereRef('l.escalation_id', '=', 'e.id'),
            ),
          ]),
        )
        .orderBy(sql`ec.reason_id IS NULL`)
        .orderBy('r.position')
        .limit(1)
        .as('comment_id'),
    ])
    .where('e.id', '=', escalationId)
    .forUpdate('e')
    .executeTakeFirst();
}

export type BookingContext = NonNullable<Awaited<ReturnType<typeof findBookingContext>>>;

export async function insertAppointment(
  db: Db,
  row: {
    siteId: string;
    escalationId: string;
    customerId: string;
    jobId: string;
    startsAt: Date;
    endsAt: Date;
    customerTimeZone: string;
    customerEmail: string | null;
    bookedBy: string;
    now: Date;
  },
) {
  const inserted = await db
    .insertInto('appointments')
    .values({
      id: randomUUID(),
      site_id: row.siteId,
      escalation_id: row.escalationId,
      customer_id: row.customerId,
      job_id: row.jobId,
      starts_at: row.startsAt,
      ends_at: row.endsAt,
      customer_time_zone: row.customerTimeZone,
      customer_email: row.customerEmail,
      booked_by: row.bookedBy,
      created_at: row.now,
      updated_at: row.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return inserted;
}

const appointmentColumns = [
  'a.id',
  'a.site_id',
  'a.escalation_id',
  'a.customer_id',
  'a.job_id',
  'a.exception_id',
  'a.task_id',
  'a.starts_at',
  'a.ends_at',
  'a.customer_time_zone',
  'a.customer_email',
  'a.status',
  'a.sequence',
  'a.updated_at',
  's.slug as site_slug',
  's.name as site_name',
  'c.name as customer_name',
  'j.number as job_number',
  't.due_at as task_due_at',
] as const;

/** An appointment with its site, customer and job; `lock` takes the row for a change. */
export function findAppointment(db: Db, id: string, options: { lock?: boolean } = {}) {
  let query = db
    .selectFrom('appointments as a')
    .innerJoin('sites as s', 's.id', 'a.site_id')
    .innerJoin('customers as c', 'c.id', 'a.customer_id')
    .innerJoin('escalations as e', 'e.id', 'a.escalation_id')
    .innerJoin('jobs as j', 'j.id', 'e.job_id')
    .leftJoin('tasks as t', 't.id', 'a.task_id')
    .select(appointmentColumns)
    .where('a.id', '=', id);
  if (options.lock) query = query.forUpdate('a');
  return query.executeTakeFirst();
}

export type AppointmentRow = NonNullable<Awaited<ReturnType<typeof findAppointment>>>;

/** Links the new appointment to its exception and task. */
export async function linkAppointment(db: Db, id: string, links: { exceptionId: string; taskId: string }) {
  await db
    .updateTable('appointments')
    .set({ exception_id: links.exceptionId, task_id: links.taskId })
    .where('id', '=', id)
    .execute();
}

export async function moveAppointment(db: Db, id: string, startsAt: Date, endsAt: Date, now: Date) {
  await db
    .updateTable('appointments')
    .set((eb) => ({
      starts_at: startsAt,
      ends_at: endsAt,
      sequence: eb('sequence', '+', 1),
      updated_at: now,
    }))
    .where('id', '=', id)
    .execute();
}

export async function cancelAppointmentRow(db: Db, id: string, now: Date) {
  await db
    .updateTable('appointments')
    .set((eb) => ({
      status: 'cancelled',
      sequence: eb('sequence', '+', 1),
      updated_at: now,
      cancelled_at: now,
    }))
    .where('id', '=', id)
    .execute();
}

/** A safety net for an appointment whose exception has no task: close it with the cancellation. */
export async function closeException(db: Db, exceptionId: string, now: Date) {
  await db
    .updateTable('exceptions')
    .set({ status: 'closed', closed_at: now })
    .where('id', '=', exceptionId)
    .where('status', '=', 'open')
    .execute();
}

export function findIdempotentAnswer(db: Db, userId: string, scope: string, key: string) {
  return db
    .selectFrom('idempotency_keys')
    .select(['request_hash', 'status_code', 'response'])
    .where('user_id', '=', userId)
    .where('scope', '=', scope)
    .where('key', '=', key)
    .executeTakeFirst();
}

export async function saveIdempotentAnswer(
  db: Db,
  row: {
    userId: string;
    scope: string;
    key: string;
    requestHash: string;
    statusCode: number;
    response: object;
    now: Date;
  },
) {
  await db
    .insertInto('idempotency_keys')
    .values({
      user_id: row.userId,
      scope: row.scope,
      key: row.key,
      request_hash: row.requestHash,
      status_code: row.statusCode,
      response: JSON.stringify(row.response),
      created_at: row.now,
    })
    .execute();
}
