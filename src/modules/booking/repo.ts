import { sql } from 'kysely';
import type { Db } from '../../db/client.ts';
import type { Actor } from '../../http/auth.ts';
import { escalationInReach } from '../escalations/policy.ts';
// Booking reads the desk's staffing and the routing rules in its own round trip, with the SQL of
// the features they belong to.
import { activeRulesColumn } from '../routing/repo.ts';
import type { RoutingRule } from '../routing/rules.ts';
import { type StaffingRow, staffingColumns } from '../schedules/repo.ts';
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

export type BookingContext = {
  desk_id: string;
  desk_slug: string;
  desk_name: string;
  desk_time_zone: string;
  window_minutes: number;
  callbacks_per_member: number;
  min_notice_minutes: number;
  booking_horizon_days: number;
  id: string;
  site_id: string;
  job_id: string;
  job_number: string;
  customer_id: string;
  customer_name: string;
  customer_email: string | null;
  customer_time_zone: string | null;
  callback_approved: boolean;
  reason_ids: string[] | null;
  booked_appointment_id: string | null;
  /** The Call Back exception type (null if it was removed from the list). */
  type_id: string | null;
  type_label: string | null;
  type_is_active: boolean | null;
  /** The approved Call Back comment to use; null when none applies. */
  comment_id: string | null;
  comment_body: string | null;
  comment_reason_id: string | null;
  comment_reason_code: string | null;
  /** The callback guidelines as stored (null: all defaults). */
  stored_guidelines: unknown;
  /** The active routing rules, in order (for the callback task). */
  routing_rules: RoutingRule[];
} & StaffingRow;

/**
 * What booking needs to know, in one round trip: the desk booked (by its page's slug); the
 * escalation with its job, customer, reasons and site; whether a supervisor approved a callback;
 * the callback already booked for it (if any); the Call Back exception type and the approved
 * comment to use (one written for one of its reasons, in the reasons' list order, otherwise the
 * general one); the callback guidelines stored under `guidelinesKey`; and the desk's staffing
 * between two site-local dates (the window's capacity) and the active routing rules. No row when the site or
 * the escalation does not exist. Locks the escalation, so two bookings of one escalation queue up.
 */
export async function findBookingContext(
  db: Db,
  actor: Actor,
  slug: string,
  escalationId: string,
  guidelinesKey: string,
  staffingDates: { fromDate: string; toDate: string },
): Promise<BookingContext | undefined> {
  const result = await sql<BookingContext>`
    SELECT s.id AS desk_id, s.slug AS desk_slug, s.name AS desk_name, s.time_zone AS desk_time_zone,
      s.window_minutes, s.callbacks_per_member, s.min_notice_minutes, s.booking_horizon_days,
      e.id, e.site_id, e.job_id, j.number AS job_number, e.customer_id,
      c.name AS customer_name, c.email AS customer_email, c.time_zone AS customer_time_zone,
      EXISTS (
        SELECT 1 FROM callback_permissions p WHERE p.escalation_id = e.id AND p.status = 'approved'
      ) AS callback_approved,
      (SELECT array_agg(l.reason_id) FROM escalation_reason_links l WHERE l.escalation_id = e.id) AS reason_ids,
      (SELECT a.id FROM appointments a WHERE a.escalation_id = e.id AND a.status = 'booked' LIMIT 1)
        AS booked_appointment_id,
      t.id AS type_id, t.label AS type_label, t.is_active AS type_is_active,
      cm.id AS comment_id, cm.body AS comment_body, cm.reason_id AS comment_reason_id,
      cm.reason_code AS comment_reason_code,
      (SELECT g.value FROM settings g WHERE g.key = ${guidelinesKey}) AS stored_guidelines,
      ${staffingColumns(sql.ref('s.id'), staffingDates.fromDate, staffingDates.toDate)},
      ${activeRulesColumn()}
    FROM escalations e
    JOIN jobs j ON j.id = e.job_id
    JOIN customers c ON c.id = e.customer_id
    JOIN sites s ON s.slug = ${slug}
    LEFT JOIN exception_types t ON t.code = 'call_back'
    LEFT JOIN LATERAL (
      SELECT ec.id, ec.body, ec.reason_id, r.code AS reason_code
      FROM exception_comments ec
      LEFT JOIN escalation_reasons r ON r.id = ec.reason_id
      WHERE ec.exception_type_id = t.id AND ec.is_active
        AND (ec.reason_id IS NULL OR ec.reason_id IN (
          SELECT l.reason_id FROM escalation_reason_links l WHERE l.escalation_id = e.id))
      ORDER BY ec.reason_id IS NULL, r.position
      LIMIT 1
    ) cm ON true
    WHERE e.id = ${escalationId} AND ${escalationInReach(actor, 'e.id')}
    FOR UPDATE OF e`.execute(db);
  return result.rows[0];
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
