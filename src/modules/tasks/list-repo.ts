import { type ExpressionBuilder, type SelectQueryBuilder, sql } from 'kysely';
import type { Db } from '../../db/client.ts';
import type { Database, TaskStatus, TaskType } from '../../db/schema.ts';
import type { TaskScope } from './policy.ts';
import { selectTaskRows } from './repo.ts';
import { taskSiteId } from './task-site.ts';

// Activities, My tasks and the board: which tasks a person's scope and filters list, in pages
// ordered by creation, due time or promise due time (each order has its index), and their counts.

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
  // Only the conditions asked for, so each one is plain SQL the planner can use.
  const conditions = [sql`p.task_id = t.id`, sql`p.superseded_at IS NULL`];
  if (match.kind) conditions.push(sql`p.kind = ${match.kind}`);
  if (match.dueFrom) conditions.push(sql`p.due_at >= ${match.dueFrom}`);
  if (match.dueTo) conditions.push(sql`p.due_at < ${match.dueTo}`);
  if (match.outcome) conditions.push(outcome[match.outcome]);
  return sql<boolean>`EXISTS (SELECT 1 FROM task_promises p WHERE ${sql.join(conditions, sql` AND `)})`;
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
