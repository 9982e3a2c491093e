import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../db/client.ts';
import type { Actor } from '../../http/auth.ts';
import { taskInReach } from '../tasks/policy.ts';
import type { Pause } from '../guidelines/quiet-hours.ts';
import type { PromiseKind } from './tables.ts';

// A callback's context reads tasks, appointments and customers in one joined query, though only
// the promises tables are this feature's. It stays here because asking the owners would close
// import cycles: appointments through booking (promises -> booking closes booking -> promises:
// booking/service.ts imports promises/guidelines.ts; availability.ts, customer-day.ts,
// take-place.ts and appointments.ts import promises/quiet-hours.ts), customers through customers
// (promises -> customers closes promises -> customers -> booking -> promises: customers/repo.ts
// imports booking/policy.ts). The task part alone could come from tasks (no cycle), but at the
// cost of a second round trip per read while the other two stayed here. To free it, move
// quiet hours and the guidelines below booking (or pass them in) first. `findAppointment` below
// is the same case.
function selectCallbackContexts(db: Db) {
  return db
    .selectFrom('tasks as t')
    .leftJoin('appointments as a', 'a.id', 't.appointment_id')
    .leftJoin('customers as c', 'c.id', 't.customer_id')
    .select([
      't.id',
      't.type',
      't.status',
      't.title',
      't.team_id as teamId',
      't.assignee_id as assigneeId',
      't.created_by as createdById',
      't.job_id as jobId',
      't.appointment_id as appointmentId',
      'a.starts_at as start',
      'a.ends_at as end',
      'a.status as appointmentStatus',
      'a.site_id as siteId',
      'a.customer_time_zone as appointmentTimeZone',
      'c.name as customerName',
      'c.email as customerEmail',
      'c.time_zone as customerTimeZone',
    ]);
}

/** What the callback clock needs to know about a task, its appointment and customer. */
/** A callback task's context; with `actor`, only if they reach the task (its attempts and promises). */
export function findCallbackContext(db: Db, taskId: string, options: { lock?: boolean; actor?: Actor } = {}) {
  let query = selectCallbackContexts(db).where('t.id', '=', taskId);
  if (options.actor) query = query.where(taskInReach(options.actor, 't.id'));
  return (options.lock ? query.forUpdate('t') : query).executeTakeFirst();
}

/** The same for many tasks at once (timers fired in a batch). */
export function findCallbackContexts(db: Db, taskIds: string[]) {
  return taskIds.length
    ? selectCallbackContexts(db).where('t.id', 'in', taskIds).execute()
    : Promise.resolve([]);
}
export type CallbackContext = NonNullable<Awaited<ReturnType<typeof findCallbackContext>>>;

export function findAppointment(db: Db, id: string) {
  return db
    .selectFrom('appointments')
    .select([
      'id',
      'starts_at as start',
      'ends_at as end',
      'customer_time_zone as timeZone',
      'site_id as siteId',
    ])
    .where('id', '=', id)
    .executeTakeFirst();
}

export type NewPromise = {
  taskId: string;
  appointmentId: string | null;
  kind: PromiseKind;
  sequence: number;
  dueAt: Date;
  pause: Pause | null;
  now: Date;
};

function promiseRow(id: string, row: NewPromise) {
  return {
    id,
    task_id: row.taskId,
    appointment_id: row.appointmentId,
    kind: row.kind,
    sequence: row.sequence,
    due_at: row.dueAt,
    paused_from: row.pause?.from ?? null,
    paused_until: row.pause?.until ?? null,
    pause_reason: row.pause ? 'quiet_hours' : null,
    created_at: row.now,
  };
}

/**
 * Sums the task's live promises up on the task (`tasks.promise_state`, `promise_due_at`), which
 * Activities filters and sorts by. Every write below calls it in its transaction (migration 0030:
 * a definer's-rights function, since the writer may not reach the team's task).
 */
async function refreshTaskPromiseSummary(db: Db, taskId: string): Promise<void> {
  await sql`SELECT refresh_task_promise_summary(${taskId}::uuid)`.execute(db);
}

/** Records a promise and returns its id (made here, so nothing is read back). */
export async function insertPromise(db: Db, row: NewPromise): Promise<string> {
  const id = randomUUID();
  await db.insertInto('task_promises').values(promiseRow(id, row)).execute();
  await refreshTaskPromiseSummary(db, row.taskId);
  return id;
}

const promiseColumns = [
  'id',
  'task_id as taskId',
  'appointment_id as appointmentId',
  'kind',
  'sequence',
  'due_at as dueAt',
  'paused_from as pausedFrom',
  'paused_until as pausedUntil',
  'pause_reason as pauseReason',
  'at_risk_at as atRiskAt',
  'kept_at as keptAt',
  'broken_at as brokenAt',
  'superseded_at as supersededAt',
  'created_at as createdAt',
] as const;

/** The task's current promises (not those of an appointment the customer replaced), oldest first. */
export function listLivePromises(db: Db, taskId: string) {
  return db
    .selectFrom('task_promises')
    .select(promiseColumns)
    .where('task_id', '=', taskId)
    .where('superseded_at', 'is', null)
    .orderBy('created_at')
    .orderBy('kind')
    .orderBy('sequence')
    .execute();
}
export type PromiseRow = Awaited<ReturnType<typeof listLivePromises>>[number];

export function findPromises(db: Db, ids: string[]) {
  return ids.length
    ? db.selectFrom('task_promises').select(promiseColumns).where('id', 'in', ids).execute()
    : Promise.resolve([]);
}

export function lockPromise(db: Db, id: string) {
  return db
    .selectFrom('task_promises')
    .select(promiseColumns)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export async function markPromise(
  db: Db,
  id: string,
  change: { keptAt?: Date; keptByAttemptId?: string; brokenAt?: Date; atRiskAt?: Date },
) {
  const marked = await db
    .updateTable('task_promises')
    .set({
      ...(change.keptAt
        ? { kept_at: change.keptAt, kept_by_attempt_id: change.keptByAttemptId ?? null }
        : {}),
      ...(change.brokenAt ? { broken_at: change.brokenAt } : {}),
      ...(change.atRiskAt ? { at_risk_at: change.atRiskAt } : {}),
    })
    .where('id', '=', id)
    .returning('task_id as taskId')
    .executeTakeFirst();
  if (marked) await refreshTaskPromiseSummary(db, marked.taskId);
}

/** The customer rebooked: the old appointment's promises stop counting (history stays). */
export async function supersedeLivePromises(db: Db, taskId: string, now: Date): Promise<number> {
  const result = await db
    .updateTable('task_promises')
    .set({ superseded_at: now })
    .where('task_id', '=', taskId)
    .where('superseded_at', 'is', null)
    .executeTakeFirst();
  const superseded = Number(result.numUpdatedRows);
  if (superseded > 0) await refreshTaskPromiseSummary(db, taskId);
  return superseded;
}

/** Who is alerted when a promise is at risk: the site's desk supervisors, else the admins. */
export async function findSupervisorIds(db: Db, siteId: string | null): Promise<string[]> {
  if (siteId) {
    const rows = await db
      .selectFrom('users')
      .select('id')
      .where('role', '=', 'supervisor')
      .where('site_id', '=', siteId)
      .where('is_active', '=', true)
      .execute();
    if (rows.length) return rows.map((r) => r.id);
  }
  const admins = await db
    .selectFrom('users')
    .select('id')
    .where('role', '=', 'admin')
    .where('is_active', '=', true)
    .execute();
  return admins.map((r) => r.id);
}
