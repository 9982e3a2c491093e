import { randomUUID } from 'node:crypto';
import { type ExpressionBuilder, type SelectQueryBuilder, sql } from 'kysely';
import type { Db } from '../../db/client.ts';
import type { Database, TaskStatus, TaskType } from '../../db/schema.ts';
import type { Actor } from '../../http/auth.ts';
import { type TaskScope, taskInReach } from './policy.ts';
import { taskSiteId } from './task-site.ts';

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
function selectTaskRows(db: Db) {
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

export type TaskFilter = {
  statuses?: TaskStatus[];
  type?: TaskType;
  teamId?: string;
  /** A user id, or 'unassigned'. */
  assignee?: string;
  customerId?: string;
  jobId?: string;
  dueFrom?: Date;
  dueTo?: Date;
  /** Tasks whose contact promises are in one of these states (see migration 0025). */
  promiseStates?: PromiseState[];
  /** Tasks created in `[createdFrom, createdTo)` (what a report's period counts). */
  createdFrom?: Date;
  createdTo?: Date;
  completedFrom?: Date;
  completedTo?: Date;
  /** Tasks of this site (`task-site.ts`). */
  siteId?: string;
  /** Tasks with a live contact promise matching all of these (what a report's promise count counted). */
  promise?: PromiseMatch;
};

export type PromiseMatch = {
  kind?: 'first_contact' | 'retry' | 'reschedule_email';
  outcome?: 'kept' | 'broken' | 'open';
  dueFrom?: Date;
  dueTo?: Date;
};

/**
 * A live promise of the task matches. The promises feature writes `task_promises`; the list reads it
 * here only to open what a report's promise count counted (the per-task summary, `promise_state`,
 * serves Activities' own filter and order).
 */
function hasPromise(match: PromiseMatch) {
  const outcome = {
    kept: sql`p.kept_at IS NOT NULL`,
    broken: sql`p.kept_at IS NULL AND p.broken_at IS NOT NULL`,
    open: sql`p.kept_at IS NULL AND p.broken_at IS NULL`,
  };
  return sql<boolean>`EXISTS (
    SELECT 1 FROM task_promises p
    WHERE p.task_id = t.id AND p.superseded_at IS NULL
      AND (${match.kind ?? null}::text IS NULL OR p.kind = ${match.kind ?? null})
      AND (${match.dueFrom ?? null}::timestamptz IS NULL OR p.due_at >= ${match.dueFrom ?? null})
      AND (${match.dueTo ?? null}::timestamptz IS NULL OR p.due_at < ${match.dueTo ?? null})
      AND ${match.outcome ? outcome[match.outcome] : sql`true`})`;
}

export type PromiseState = 'open' | 'at_risk' | 'broken' | 'kept';

// biome-ignore lint/suspicious/noExplicitAny: the filter applies to any query over `tasks as t`
type AnyTaskQuery = SelectQueryBuilder<any, any, any>;

function applyScope<Q extends AnyTaskQuery>(query: Q, scope: TaskScope): Q {
  switch (scope.kind) {
    case 'all':
      return query;
    case 'team':
      return query.where('t.team_id', '=', scope.teamId) as Q;
    case 'creator':
      return query.where('t.created_by', '=', scope.userId) as Q;
    case 'none':
      return query.where(sql<boolean>`false`) as Q;
  }
}

function applyFilter<Q extends AnyTaskQuery>(query: Q, filter: TaskFilter): Q {
  let q: AnyTaskQuery = query;
  if (filter.statuses?.length) q = q.where('t.status', 'in', filter.statuses);
  if (filter.type) q = q.where('t.type', '=', filter.type);
  if (filter.teamId) q = q.where('t.team_id', '=', filter.teamId);
  if (filter.assignee === 'unassigned') q = q.where('t.assignee_id', 'is', null);
  else if (filter.assignee) q = q.where('t.assignee_id', '=', filter.assignee);
  if (filter.customerId) q = q.where('t.customer_id', '=', filter.customerId);
  if (filter.jobId) q = q.where('t.job_id', '=', filter.jobId);
  if (filter.dueFrom) q = q.where('t.due_at', '>=', filter.dueFrom);
  if (filter.dueTo) q = q.where('t.due_at', '<', filter.dueTo);
  if (filter.promiseStates?.length) q = q.where('t.promise_state', 'in', filter.promiseStates);
  if (filter.createdFrom) q = q.where('t.created_at', '>=', filter.createdFrom);
  if (filter.createdTo) q = q.where('t.created_at', '<', filter.createdTo);
  if (filter.completedFrom) q = q.where('t.completed_at', '>=', filter.completedFrom);
  if (filter.completedTo) q = q.where('t.completed_at', '<', filter.completedTo);
  if (filter.siteId) q = q.where(sql<boolean>`${taskSiteId} = ${filter.siteId}::uuid`);
  if (filter.promise) q = q.where(hasPromise(filter.promise));
  return q as Q;
}

export type TaskSort = 'created' | 'due' | 'promise';
export type Cursor = { at: string; id: string };

/** The ascending orders: a nullable time (null last, as infinity) then the id; each has an index. */
const ascendingKeys = {
  due: sql<Date>`coalesce(t.due_at, 'infinity'::timestamptz)`,
  promise: sql<Date>`coalesce(t.promise_due_at, 'infinity'::timestamptz)`,
};

/**
 * One page. `created`: newest first; `due`: soonest due first; `promise`: soonest promise due
 * first (no due time last in both). Each order ends with the id, so the key is unique and pages
 * neither skip nor repeat rows.
 */
export function listTaskRows(
  db: Db,
  scope: TaskScope,
  filter: TaskFilter,
  page: { after?: Cursor; limit: number; sort: TaskSort },
) {
  let query = applyFilter(applyScope(selectTaskRows(db), scope), filter);
  const { after } = page;
  if (page.sort !== 'created') {
    const dueKey = ascendingKeys[page.sort];
    if (after)
      query = query.where(sql<boolean>`(${dueKey}, t.id) > (${after.at}::timestamptz, ${after.id}::uuid)`);
    return query.orderBy(dueKey, 'asc').orderBy('t.id', 'asc').limit(page.limit).execute();
  }
  if (after)
    query = query.where(sql<boolean>`(t.created_at, t.id) < (${after.at}::timestamptz, ${after.id}::uuid)`);
  return query.orderBy('t.created_at', 'desc').orderBy('t.id', 'desc').limit(page.limit).execute();
}

export async function countTasksByStatus(db: Db, scope: TaskScope, filter: TaskFilter) {
  const query = applyFilter(applyScope(db.selectFrom('tasks as t') as AnyTaskQuery, scope), filter);
  const rows: { status: TaskStatus; n: number | string }[] = await query
    .select((eb: ExpressionBuilder<Database & { t: Database['tasks'] }, 't'>) => [
      't.status',
      eb.fn.countAll().as('n'),
    ])
    .groupBy('t.status')
    .execute();
  return rows.map((r) => ({ status: r.status, count: Number(r.n) }));
}

/** The task's row locked for the rest of the transaction (status and version checks). */
export function lockTask(db: Db, id: string, options: { actor?: Actor } = {}) {
  const reach = options.actor ? taskInReach(options.actor, 'tasks.id') : sql<boolean>`true`;
  return db
    .selectFrom('tasks')
    .select([
      'id',
      'type',
      'status',
      'team_id as teamId',
      'assignee_id as assigneeId',
      'created_by as createdById',
      'job_id as jobId',
      'exception_id as exceptionId',
      'title',
      'details',
      'version',
    ])
    .where('id', '=', id)
    .where(reach)
    .forUpdate()
    .executeTakeFirst();
}

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
