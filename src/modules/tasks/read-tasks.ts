import type { Db } from '../../db/client.ts';
import type { TaskStatus, TaskType } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../../http/auth.ts';
import { invalid, notFound } from '../../lib/errors.ts';
import { findSite } from '../admin/sites.ts';
import { findJob } from '../jobs/service.ts';
import { canSeeTask, taskScopeOf } from './policy.ts';
import * as listRepo from './list-repo.ts';
import * as repo from './repo.ts';
import * as phoneRepo from './phone-repo.ts';
import { allowedMovesFrom } from './transitions.ts';
import { type TaskView, toTaskView } from './view.ts';

/** A task the actor may see, or 404 (never 403: out-of-scope tasks do not exist for them). */
export async function getTaskForActor(deps: Pick<Deps, 'db'>, actor: Actor, id: string): Promise<TaskView> {
  const row = await repo.findTaskRowFor(deps.db, actor, id);
  if (!row || !canSeeTask(actor, row)) throw notFound('task', id);
  return toTaskView(row);
}

/**
 * The task's part of `GET /api/tasks/{id}`; the callbacks use case `callbacks/task-detail.ts` adds
 * what other features attach (a callback's contact promises).
 */
export async function assembleTaskDetail(db: Db, task: TaskView) {
  return {
    ...task,
    allowedStatuses: [...allowedMovesFrom(task.status)],
    customerPhone: await phoneRepo.findTaskCustomerPhone(db, task.id),
  };
}

export type TaskListQuery = {
  status?: string;
  type?: TaskType;
  teamId?: string;
  assignee?: string;
  customerId?: string;
  jobNumber?: string;
  dueFrom?: string;
  dueTo?: string;
  promise?: string;
  promiseKind?: listRepo.PromiseMatch['kind'];
  promiseOutcome?: listRepo.PromiseMatch['outcome'];
  promiseDueFrom?: string;
  promiseDueTo?: string;
  createdFrom?: string;
  createdTo?: string;
  completedFrom?: string;
  completedTo?: string;
  site?: string;
  sort?: listRepo.TaskSort;
  cursor?: string;
  limit?: number;
};

const openStatuses: TaskStatus[] = ['not_started', 'in_progress', 'waiting'];

/** The query's filters in repo terms, or null when they can match nothing (unknown job number or site). */
async function toFilter(deps: Pick<Deps, 'db'>, actor: Actor, query: TaskListQuery) {
  const filter: listRepo.TaskFilter = {
    type: query.type,
    teamId: query.teamId,
    customerId: query.customerId,
    dueFrom: query.dueFrom ? new Date(query.dueFrom) : undefined,
    dueTo: query.dueTo ? new Date(query.dueTo) : undefined,
    promiseStates: query.promise
      ? [...new Set(query.promise.split(',') as listRepo.PromiseState[])]
      : undefined,
    createdFrom: query.createdFrom ? new Date(query.createdFrom) : undefined,
    createdTo: query.createdTo ? new Date(query.createdTo) : undefined,
    completedFrom: query.completedFrom ? new Date(query.completedFrom) : undefined,
    completedTo: query.completedTo ? new Date(query.completedTo) : undefined,
  };
  if (query.promiseKind || query.promiseOutcome || query.promiseDueFrom || query.promiseDueTo)
    filter.promise = {
      kind: query.promiseKind,
      outcome: query.promiseOutcome,
      dueFrom: query.promiseDueFrom ? new Date(query.promiseDueFrom) : undefined,
      dueTo: query.promiseDueTo ? new Date(query.promiseDueTo) : undefined,
    };
  if (query.site) {
    const site = await findSite(deps, query.site);
    if (!site) return null;
    filter.siteId = site.id;
  }
  if (query.status) {
    const codes = query.status.split(',');
    filter.statuses = [
      ...new Set(codes.flatMap((code) => (code === 'open' ? openStatuses : [code as TaskStatus]))),
    ];
  }
  if (query.assignee) filter.assignee = query.assignee === 'me' ? actor.id : query.assignee.toLowerCase();
  if (query.jobNumber) {
    const job = await findJob(deps, query.jobNumber);
    if (!job) return null;
    filter.jobId = job.id;
  }
  return filter;
}

/** A timestamptz as PostgreSQL prints it (what cursors carry), or `infinity` for "no due time". */
const pgTimestamp = /^(infinity|\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}(:\d{2})?|Z)?)$/;

function encodeCursor(
  sort: listRepo.TaskSort,
  row: { cursorAt: string; dueCursorAt: string; promiseCursorAt: string; id: string },
): string {
  const at = { created: row.cursorAt, due: row.dueCursorAt, promise: row.promiseCursorAt }[sort];
  return Buffer.from(JSON.stringify([sort, at, row.id])).toString('base64url');
}

function decodeCursor(cursor: string, sort: listRepo.TaskSort): listRepo.Cursor {
  let parts: unknown[] = [];
  try {
    parts = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    // refused below
  }
  const [cursorSort, at, id] = Array.isArray(parts) ? parts : [];
  const isValid =
    cursorSort === sort &&
    typeof at === 'string' &&
    pgTimestamp.test(at) &&
    typeof id === 'string' &&
    /^[0-9a-f-]{36}$/.test(id);
  if (!isValid) {
    throw invalid('cursor is not one this API gave out for this order; start again without it', {
      field: 'cursor',
    });
  }
  return { at: at as string, id: id as string };
}

/** `GET /api/tasks`: the actor's visible tasks, a page at a time (newest first, soonest due or promise due first). */
export async function listTasks(deps: Pick<Deps, 'db'>, actor: Actor, query: TaskListQuery) {
  const sort = query.sort ?? 'created';
  const after = query.cursor ? decodeCursor(query.cursor, sort) : undefined;
  const limit = query.limit ?? 50;
  const filter = await toFilter(deps, actor, query);
  if (!filter) return { items: [], nextCursor: null };
  const rows = await listRepo.listTaskRows(deps.db, taskScopeOf(actor), filter, {
    after,
    limit: limit + 1,
    sort,
  });
  const page = rows.slice(0, limit);
  return {
    // The SQL scope already limits the rows; the policy check is a second, independent wall.
    items: page.filter((row) => canSeeTask(actor, row)).map(toTaskView),
    nextCursor: rows.length > limit ? encodeCursor(sort, page.at(-1)!) : null,
  };
}

/** `GET /api/tasks/counts`: how many visible tasks are in each status (the Kanban columns). */
export async function countTasks(deps: Pick<Deps, 'db'>, actor: Actor, query: TaskListQuery) {
  const counts = { not_started: 0, in_progress: 0, waiting: 0, completed: 0 };
  const filter = await toFilter(deps, actor, query);
  if (filter) {
    for (const row of await listRepo.countTasksByStatus(deps.db, taskScopeOf(actor), filter)) {
      counts[row.status] = row.count;
    }
  }
  return { counts, total: Object.values(counts).reduce((a, b) => a + b, 0) };
}

/** The callback task a phone platform's call is about (by id, or by the customer's E.164 number). */
export async function findCallbackTaskForCall(
  deps: Pick<Deps, 'db'>,
  match: { id: string } | { phone: string },
) {
  return (await phoneRepo.findCallbackTaskForCall(deps.db, match)) ?? null;
}

/**
 * For a feature acting on tasks it was handed (the callback clock, timers fired in a batch): each
 * task's own columns, one query for all of them; with `actor`, only the tasks they reach.
 */
export function findTaskHeads(db: Db, ids: readonly string[], options: { actor?: Actor } = {}) {
  return ids.length ? repo.findTaskHeads(db, ids, options) : Promise.resolve([]);
}

/** The same for one task, its row locked (`FOR UPDATE`) for the rest of the caller's transaction. */
export function lockTaskHead(db: Db, id: string, options: { actor?: Actor } = {}) {
  return repo.lockTask(db, id, options);
}

export type { TaskHead } from './repo.ts';
