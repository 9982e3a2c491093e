import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../db/client.ts';
import type { Pause } from '../guidelines/quiet-hours.ts';
import type { PromiseKind } from './tables.ts';

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
