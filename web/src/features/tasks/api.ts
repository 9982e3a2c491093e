import {
  type InfiniteData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { paths } from '../../api/schema';
import { keys, type TaskFilters } from '../../api/keys';
import { useSubmissionKey } from '../../api/submission';

export const statuses: Array<[TaskStatus, string]> = [
  ['not_started', 'Not started'],
  ['in_progress', 'In progress'],
  ['waiting', 'Waiting'],
  ['completed', 'Completed'],
];
export const statusLabel = (s: string) => statuses.find(([k]) => k === s)?.[1] ?? s.replaceAll('_', ' ');

export const taskTypes: Array<[string, string]> = [
  ['callback', 'Callback'],
  ['tier2_record', 'Tier 2 record'],
  ['tier3', 'Tier 3'],
  ['executive_case', 'Executive case'],
  ['purchasing', 'Purchasing'],
];
export const typeLabel = (t: string) => taskTypes.find(([k]) => k === t)?.[1] ?? t;

// The feature's types, all read from the generated schema.
type TaskPage = paths['/api/tasks']['get']['responses'][200]['content']['application/json'];
type TaskQuery = NonNullable<paths['/api/tasks']['get']['parameters']['query']>;
/** A task as listed. */
export type Task = TaskPage['items'][number];
export type TaskStatus = Task['status'];
/** One task opened alone: the task plus what its detail attaches (allowed moves, phone, promises). */
export type TaskDetail = paths['/api/tasks/{id}']['get']['responses'][200]['content']['application/json'];
export type ContactPromise = NonNullable<TaskDetail['promises']>[number];
export type ResolutionReason =
  paths['/api/resolution-reasons']['get']['responses'][200]['content']['application/json']['items'][number];
export type AttemptOutcome =
  paths['/api/tasks/{id}/attempts']['post']['requestBody']['content']['application/json']['outcome'];
export type CustomerView =
  paths['/api/customers/{id}/view']['get']['responses'][200]['content']['application/json'];

/**
 * The list query from the URL's filters. Filters come from the address bar, so a value may be one
 * the server does not know; it refuses those with a message, which the list shows.
 */
function toTaskQuery(filters: TaskFilters, cursor: string | null): TaskQuery {
  const query: Record<string, string> = {};
  for (const [name, value] of Object.entries(filters)) if (value) query[name] = value;
  if (cursor) query.cursor = cursor;
  return query as TaskQuery;
}

/** One page after another of tasks matching the filters (the server pages by cursor). */
export function useTasks(filters: TaskFilters) {
  return useInfiniteQuery({
    queryKey: keys.tasks.list(filters),
    queryFn: ({ pageParam }) =>
      unwrap(api.GET('/api/tasks', { params: { query: toTaskQuery(filters, pageParam) } })),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? null,
  });
}

export function useTask(id: string | undefined) {
  return useQuery({
    queryKey: keys.tasks.detail(id ?? ''),
    queryFn: () => unwrap(api.GET('/api/tasks/{id}', { params: { path: { id: id! } } })),
    enabled: Boolean(id),
  });
}

export function useResolutionReasons(enabled = true) {
  return useQuery({
    queryKey: keys.lookups.resolutionReasons(),
    queryFn: async () => (await unwrap(api.GET('/api/resolution-reasons'))).items,
    staleTime: 5 * 60_000,
    enabled,
  });
}

/** A Tier 2 record's outcomes: its own list, not the callback resolution reasons. */
export function useTier2ResolutionTypes(enabled = true) {
  return useQuery({
    queryKey: keys.lookups.tier2ResolutionTypes(),
    queryFn: async () => (await unwrap(api.GET('/api/tier2-resolution-types'))).items,
    staleTime: 5 * 60_000,
    enabled,
  });
}

/** The escalation reasons (the catalog's labels for the codes a Tier 2 record and its views carry). */
export function useEscalationReasons() {
  return useQuery({
    queryKey: keys.lookups.reasons(),
    queryFn: async () => (await unwrap(api.GET('/api/reasons'))).items,
    staleTime: 5 * 60_000,
  });
}

type ListData = InfiniteData<TaskPage, string | null>;

/**
 * Changes a task's status or assignee optimistically in every cached list and its detail; puts
 * everything back when the server refuses, so the card returns to its column.
 */
export function useUpdateTask() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: { status?: TaskStatus; assigneeId?: string | null } }) =>
      unwrap(api.PATCH('/api/tasks/{id}', { params: { path: { id } }, body: patch })),
    onMutate: async ({ id, patch }) => {
      await client.cancelQueries({ queryKey: keys.tasks.all() });
      const lists = client.getQueriesData<ListData>({ queryKey: ['tasks', 'list'] });
      const detail = client.getQueryData<TaskDetail>(keys.tasks.detail(id));
      const apply = <T extends Task>(t: T): T => (t.id === id ? { ...t, ...patch } : t);
      for (const [key, data] of lists) {
        if (data)
          client.setQueryData<ListData>(key, {
            ...data,
            pages: data.pages.map((p) => ({ ...p, items: p.items.map(apply) })),
          });
      }
      if (detail) client.setQueryData(keys.tasks.detail(id), apply(detail));
      return { lists, detail };
    },
    onError: (_e, { id }, context) => {
      for (const [key, data] of context?.lists ?? []) client.setQueryData(key, data);
      if (context?.detail) client.setQueryData(keys.tasks.detail(id), context.detail);
    },
    // The answer is the task as listed; the detail keeps what it attaches until its refetch.
    onSuccess: (task) =>
      client.setQueryData<TaskDetail>(keys.tasks.detail(task.id), (detail) =>
        detail ? { ...detail, ...task } : detail,
      ),
    onSettled: () => client.invalidateQueries({ queryKey: keys.tasks.all() }),
  });
}

/** What completing takes: the resolution from the task type's list, and Purchasing's answer. */
export type CompleteBody = NonNullable<
  paths['/api/tasks/{id}/complete']['post']['requestBody']
>['content']['application/json'];

export function useCompleteTask() {
  const client = useQueryClient();
  const submission = useSubmissionKey();
  return useMutation({
    mutationFn: (submitted: { id: string } & CompleteBody) => {
      const { id, ...body } = submitted;
      return unwrap(
        api.POST('/api/tasks/{id}/complete', {
          params: { path: { id }, header: { 'idempotency-key': submission.keyFor(submitted) } },
          body,
        }),
      );
    },
    onSettled: (_data, error, submitted) => {
      submission.settle(submitted, error);
      void client.invalidateQueries({ queryKey: keys.tasks.all() });
      void client.invalidateQueries({ queryKey: keys.jobs.all() });
      void client.invalidateQueries({ queryKey: keys.customers.all() });
    },
  });
}

export function useAttempts(taskId: string, enabled: boolean) {
  return useQuery({
    queryKey: [...keys.tasks.detail(taskId), 'attempts'],
    queryFn: async () =>
      (await unwrap(api.GET('/api/tasks/{id}/attempts', { params: { path: { id: taskId } } }))).items,
    enabled,
  });
}

export function useLogAttempt() {
  const client = useQueryClient();
  const submission = useSubmissionKey();
  return useMutation({
    mutationFn: (submitted: { id: string; outcome: AttemptOutcome; note?: string }) => {
      const { id, outcome, note } = submitted;
      return unwrap(
        api.POST('/api/tasks/{id}/attempts', {
          params: { path: { id }, header: { 'idempotency-key': submission.keyFor(submitted) } },
          body: note ? { outcome, note } : { outcome },
        }),
      );
    },
    onSettled: (_d, error, submitted) => {
      const { id } = submitted;
      submission.settle(submitted, error);
      void client.invalidateQueries({ queryKey: keys.tasks.detail(id) });
      void client.invalidateQueries({ queryKey: keys.jobs.all() });
    },
  });
}

export function useCustomerView(id: string | undefined) {
  return useQuery({
    queryKey: keys.customers.view(id ?? ''),
    queryFn: () => unwrap(api.GET('/api/customers/{id}/view', { params: { path: { id: id! } } })),
    enabled: Boolean(id),
  });
}
