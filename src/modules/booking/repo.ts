import { sql } from 'kysely';
import type { Db } from '../../db/client.ts';
import type { Actor } from '../../http/auth.ts';
import { appointmentInReach } from './policy.ts';

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

function claimStatement(siteId: string, startsAt: Date, capacity: number) {
  return sql<{ booked: number }>`
    INSERT INTO booking_windows AS w (site_id, starts_at, booked) VALUES (${siteId}, ${startsAt}, 1)
    ON CONFLICT (site_id, starts_at) DO UPDATE SET booked = w.booked + 1 WHERE w.booked < ${capacity}
    RETURNING booked`;
}

/**
 * Takes one place in a window if fewer than `capacity` are taken, atomically: the upsert locks the
 * window's counter row, so concurrent bookings queue on it and the check sees the latest count.
 * Returns false when the window is full. The counter row stays locked until the commit.
 */
export async function claimPlace(db: Db, siteId: string, startsAt: Date, capacity: number): Promise<boolean> {
  if (capacity < 1) return false;
  const result = await claimStatement(siteId, startsAt, capacity).execute(db);
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

/** Whether `error` is the database refusing a second booked callback for one escalation. */
export function isSecondBooking(error: unknown): boolean {
  const e = error as { code?: string; constraint?: string } | null;
  return e?.code === '23505' && e.constraint === 'appointments_one_booked_per_escalation';
}

export async function findBookedAppointmentId(db: Db, escalationId: string): Promise<string | null> {
  const row = await db
    .selectFrom('appointments')
    .select('id')
    .where('escalation_id', '=', escalationId)
    .where('status', '=', 'booked')
    .executeTakeFirst();
  return row?.id ?? null;
}

export type NewAppointment = {
  id: string;
  siteId: string;
  escalationId: string;
  customerId: string;
  jobId: string;
  exceptionId: string | null;
  taskId: string | null;
  startsAt: Date;
  endsAt: Date;
  customerTimeZone: string;
  customerEmail: string | null;
  bookedBy: string;
  now: Date;
};

function appointmentValues(row: NewAppointment) {
  return {
    id: row.id,
    site_id: row.siteId,
    escalation_id: row.escalationId,
    customer_id: row.customerId,
    job_id: row.jobId,
    exception_id: row.exceptionId,
    task_id: row.taskId,
    starts_at: row.startsAt,
    ends_at: row.endsAt,
    customer_time_zone: row.customerTimeZone,
    customer_email: row.customerEmail,
    status: 'booked' as const,
    sequence: 0,
    booked_by: row.bookedBy,
    created_at: row.now,
    updated_at: row.now,
  };
}

export type NewAppointmentRow = ReturnType<typeof appointmentValues>;

/**
 * Writes a new appointment and returns the row as written. It is written before its exception and
 * task (the task points at it), so it is linked to them afterwards with `linkAppointment`.
 */
export async function insertAppointment(db: Db, row: NewAppointment) {
  const values = appointmentValues(row);
  await db.insertInto('appointments').values(values).execute();
  return values;
}

/** Links an appointment to the exception and task its booking opened for it. */
export async function linkAppointment(db: Db, id: string, exceptionId: string, taskId: string) {
  await db
    .updateTable('appointments')
    .set({ exception_id: exceptionId, task_id: taskId })
    .where('id', '=', id)
    .execute();
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
/** An appointment; with `actor`, only if they reach it (see `policy.ts`). */
export function findAppointment(db: Db, id: string, options: { lock?: boolean; actor?: Actor } = {}) {
  let query = db
    .selectFrom('appointments as a')
    .innerJoin('sites as s', 's.id', 'a.site_id')
    .innerJoin('customers as c', 'c.id', 'a.customer_id')
    .innerJoin('escalations as e', 'e.id', 'a.escalation_id')
    .innerJoin('jobs as j', 'j.id', 'e.job_id')
    .leftJoin('tasks as t', 't.id', 'a.task_id')
    .select(appointmentColumns)
    .where('a.id', '=', id);
  if (options.actor) query = query.where(appointmentInReach(options.actor, 'a.id'));
  if (options.lock) query = query.forUpdate('a');
  return query.executeTakeFirst();
}

export type AppointmentRow = NonNullable<Awaited<ReturnType<typeof findAppointment>>>;

/** When and where appointments `ids` are, one query, no reach filter (the caller's records point at them). */
export function listAppointmentTimes(db: Db, ids: readonly string[]) {
  return db
    .selectFrom('appointments')
    .select([
      'id',
      'starts_at as start',
      'ends_at as end',
      'status',
      'site_id as siteId',
      'customer_time_zone as timeZone',
    ])
    .where('id', 'in', ids)
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

/** Who booked an appointment (a customer's rebooking is made in their name and reach). */
export async function findAppointmentBooker(db: Db, id: string): Promise<string | null> {
  const row = await db.selectFrom('appointments').select('booked_by').where('id', '=', id).executeTakeFirst();
  return row?.booked_by ?? null;
}
