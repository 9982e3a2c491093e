import { randomUUID } from 'node:crypto';
import { type ExpressionBuilder, sql } from 'kysely';
import type { Db } from '../../db/client.ts';
import type { Database, TaskStatus, TaskType } from '../../db/schema.ts';
import type { Actor } from '../../http/auth.ts';
import { taskInReach } from './policy.ts';

export type NewTaskRow = {
  type: TaskType;
  title: string;
  details: Record<string, unknown>;
  teamId: string;
  assigneeId: string | null;
  dueAt: Date | null;
  jobId: string | null;
  customerId: string | null;
  exceptionId: string | null;
  appointmentId: string | null;
  escalationId: string | null;
  createdBy: string | null;
  now: Date;
};

// Ids are made here rather than by the database, so a statement's text carries every id it writes.
function toTaskValues(row: NewTaskRow) {
  return {
    id: randomUUID(),
    type: row.type,
    title: row.title,
    details: JSON.stringify(row.details),
    team_id: row.teamId,
    assignee_id: row.assigneeId,
    due_at: row.dueAt,
    job_id: row.jobId,
    customer_id: row.customerId,
    exception_id: row.exceptionId,
    appointment_id: row.appointmentId,
    escalation_id: row.escalationId,
    created_by: row.createdBy,
    created_at: row.now,
    updated_at: row.now,
  };
}

/**
 * Inserts a task and returns its id. The caller knows everything the task shape shows, so nothing
 * is read back (no RETURNING: the writer need not be allowed to read the team's task).
 */
export async function insertTask(db: Db, row: NewTaskRow): Promise<string> {
  const values = toTaskValues(row);
  await db.insertInto('tasks').values(values).execute();
  return values.id;
}

/** Every field of the task shape, from one statement with joins (no per-row look-ups). */
export function selectTaskRows(db: Db) {
  return joinTaskRows(fromTasks(db));
}

function joinTaskRows(source: ReturnType<typeof fromTasks>) {
  return source
    .innerJoin('teams as tm', 'tm.id', 't.team_id')
    .leftJoin('users as a', 'a.id', 't.assignee_id')
    .leftJoin('jobs as j', 'j.id', 't.job_id')
    .leftJoin('customers as c', 'c.id', 't.customer_id')
    .leftJoin('resolution_reasons as rr', 'rr.id', 't.resolution_reason_id')
    .leftJoin('tier2_resolution_types as t2r', 't2r.id', 't.tier2_resolution_type_id')
    .select([
      't.id',
      't.type',
      't.status',
      't.title',
      't.details',
      't.team_id as teamId',
      'tm.name as teamName',
      'tm.kind as teamKind',
      't.assignee_id as assigneeId',
      'a.name as assigneeName',
      't.due_at as dueAt',
      't.job_id as jobId',
      'j.number as jobNumber',
      't.customer_id as customerId',
      'c.name as customerName',
      't.exception_id as exceptionId',
      't.appointment_id as appointmentId',
      't.escalation_id as escalationId',
      // A Tier 2 record's resolution type shows in the same place as other tasks' reasons.
      sql<string | null>`coalesce(t.resolution_reason_id, t.tier2_resolution_type_id)`.as(
        'resolutionReasonId',
      ),
      sql<string | null>`coalesce(rr.code, t2r.code)`.as('resolutionReasonCode'),
      sql<string | null>`coalesce(rr.label, t2r.label)`.as('resolutionReasonLabel'),
      't.resolution_note as resolutionNote',
      't.created_by as createdById',
      't.created_at as createdAt',
      't.updated_at as updatedAt',
      't.completed_at as completedAt',
      't.version',
      sql<string>`t.created_at::text`.as('cursorAt'),
      't.promise_state as promiseState',
      't.promise_due_at as promiseDueAt',
      sql<string>`coalesce(t.due_at, 'infinity'::timestamptz)::text`.as('dueCursorAt'),
      sql<string>`coalesce(t.promise_due_at, 'infinity'::timestamptz)::text`.as('promiseCursorAt'),
    ]);
}

function fromTasks(db: Db) {
  return db.selectFrom('tasks as t');
}

export type TaskRow = Awaited<ReturnType<ReturnType<typeof selectTaskRows>['executeTakeFirstOrThrow']>>;

export function findTaskRow(db: Db, id: string) {
  return selectTaskRows(db).where('t.id', '=', id).executeTakeFirst();
}

/** A task if the actor reaches it (see `policy.ts`). */
export function findTaskRowFor(db: Db, actor: Actor, id: string) {
  return selectTaskRows(db).where('t.id', '=', id).where(taskInReach(actor, 't.id')).executeTakeFirst();
}

/**
 * The task row's own columns, no joins: what a lock takes, and what another feature reads of tasks
 * it was handed (the callback clock: the appointment and customer it then asks their owners for).
 */
const taskHeadColumns = [
  'id',
  'type',
  'status',
  'team_id as teamId',
  'assignee_id as assigneeId',
  'created_by as createdById',
  'job_id as jobId',
  'exception_id as exceptionId',
  'appointment_id as appointmentId',
  'customer_id as customerId',
  'title',
  'details',
  'version',
] as const;

const reachOf = (actor: Actor | undefined) => (actor ? taskInReach(actor, 'tasks.id') : sql<boolean>`true`);

/** The task's row locked for the rest of the transaction (status and version checks). */
export function lockTask(db: Db, id: string, options: { actor?: Actor } = {}) {
  return db
    .selectFrom('tasks')
    .select(taskHeadColumns)
    .where('id', '=', id)
    .where(reachOf(options.actor))
    .forUpdate()
    .executeTakeFirst();
}

/** The own columns of tasks `ids`, one query, no lock; with `actor`, only those they reach. */
export function findTaskHeads(db: Db, ids: readonly string[], options: { actor?: Actor } = {}) {
  return db
    .selectFrom('tasks')
    .select(taskHeadColumns)
    .where('id', 'in', ids)
    .where(reachOf(options.actor))
    .execute();
}
export type TaskHead = Awaited<ReturnType<typeof findTaskHeads>>[number];

export type TaskChange = {
  status?: TaskStatus;
  assigneeId?: string | null;
  resolutionReasonId?: string;
  tier2ResolutionTypeId?: string;
  resolutionNote?: string | null;
  /** Merged into `details` (what completion learned, e.g. Purchasing's answer). */
  addDetails?: Record<string, unknown>;
  completedAt?: Date;
  dueAt?: Date;
  appointmentId?: string;
};

function taskChangeSet(change: TaskChange, now: Date) {
  return (eb: ExpressionBuilder<Database, 'tasks'>) => ({
    ...(change.status ? { status: change.status } : {}),
    ...(change.assigneeId !== undefined ? { assignee_id: change.assigneeId } : {}),
    ...(change.resolutionReasonId ? { resolution_reason_id: change.resolutionReasonId } : {}),
    ...(change.tier2ResolutionTypeId ? { tier2_resolution_type_id: change.tier2ResolutionTypeId } : {}),
    ...(change.resolutionNote !== undefined ? { resolution_note: change.resolutionNote } : {}),
    ...(change.addDetails
      ? { details: sql<Record<string, unknown>>`details || ${JSON.stringify(change.addDetails)}::jsonb` }
      : {}),
    ...(change.completedAt ? { completed_at: change.completedAt } : {}),
    ...(change.dueAt ? { due_at: change.dueAt } : {}),
    ...(change.appointmentId ? { appointment_id: change.appointmentId } : {}),
    updated_at: now,
    version: eb('version', '+', 1),
  });
}

export async function updateTask(db: Db, id: string, change: TaskChange, now: Date): Promise<number> {
  const row = await db
    .updateTable('tasks')
    .set(taskChangeSet(change, now))
    .where('id', '=', id)
    .returning('version')
    .executeTakeFirstOrThrow();
  return row.version;
}

/** `updateTask`, reading the changed task back with its joins in the same statement (one round trip). */
export function updateTaskReturningRow(db: Db, id: string, change: TaskChange, now: Date) {
  const source = db
    .with('changed_task', (w) =>
      w.updateTable('tasks').set(taskChangeSet(change, now)).where('id', '=', id).returningAll(),
    )
    .selectFrom('changed_task as t') as unknown as ReturnType<typeof fromTasks>;
  return joinTaskRows(source).executeTakeFirst();
}

/** An active user of the team (for reassignment). */
export function findTeamMember(db: Db, teamId: string, userId: string) {
  return db
    .selectFrom('users')
    .select(['id', 'name'])
    .where('id', '=', userId)
    .where('team_id', '=', teamId)
    .where('is_active', '=', true)
    .executeTakeFirst();
}
