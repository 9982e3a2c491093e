import type { TaskFilters } from '../../api/keys';
import { useUrlParams } from '../../shared/url-params';

// Filters and the open pane live in the URL: reload and shared links keep them.
// `promise` and `sort` are chosen on Activities; the periods, `site` and the `promise…` details
// arrive from a report's count, so the list reproduces what was counted (for a count of promises:
// the tasks they belong to).
export const filterNames = [
  'status',
  'type',
  'assignee',
  'teamId',
  'customerId',
  'promise',
  'sort',
  'createdFrom',
  'createdTo',
  'completedFrom',
  'completedTo',
  'dueTo',
  'site',
  'promiseKind',
  'promiseOutcome',
  'promiseDueFrom',
  'promiseDueTo',
] as const;

/** Filters that come only from a report's link (no control of their own): shown, and cleared together. */
export const reportFilterNames = [
  'teamId',
  'createdFrom',
  'createdTo',
  'completedFrom',
  'completedTo',
  'dueTo',
  'site',
  'promiseKind',
  'promiseOutcome',
  'promiseDueFrom',
  'promiseDueTo',
] as const;

export const promiseStates: Array<[string, string]> = [
  ['broken', 'Broken'],
  ['at_risk', 'At risk'],
  ['open', 'Open'],
  ['kept', 'Kept'],
];
export const promiseLabel = (state: string) => promiseStates.find(([k]) => k === state)?.[1] ?? state;

export const sortOrders: Array<[string, string]> = [
  ['created', 'Newest first'],
  ['due', 'Due soonest'],
  ['promise', 'Promise due soonest'],
];

export function useTaskFilters(): [TaskFilters, (patch: TaskFilters) => void] {
  const [params, patch] = useUrlParams();
  const filters: TaskFilters = {};
  for (const name of filterNames) {
    const value = params.get(name);
    if (value) filters[name] = value;
  }
  return [filters, patch];
}

/** The task open in the peek pane (`?task=`). */
export function useOpenTask(): [string | undefined, (id: string | undefined) => void] {
  const [params, patch] = useUrlParams();
  return [params.get('task') ?? undefined, (id) => patch({ task: id })];
}

export type SavedView = { name: string; query: string };
const storageKey = 'escalation-desk.saved-views';

/** Saved views are named query strings kept in this browser. */
export function loadViews(): SavedView[] {
  try {
    return JSON.parse(localStorage.getItem(storageKey) ?? '[]') as SavedView[];
  } catch {
    return [];
  }
}

export function saveViews(views: SavedView[]) {
  localStorage.setItem(storageKey, JSON.stringify(views));
}
