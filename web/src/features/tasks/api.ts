import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, request, unwrap } from '../../api/client';
import type { paths } from '../../api/schema';
import { keys, type TaskFilters } from '../../api/keys';
import { useSubmissionKey } from '../../api/submission';

export type TaskStatus = 'not_started' | 'in_progress' | 'waiting' | 'completed';
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

type Json<P extends keyof paths, M extends keyof paths[P], S extends number> = paths[P][M] extends {
  responses: { [K in S]: { content: { 'application/json': infer T } } };
}
  ? T
  : never;

type ListedTask = Json<'/api/tasks', 'get', 200>['items'][number];
export type Promise_ = { kind: string; dueAt: string; keptAt?: string | null; brokenAt?: string | null };
export type Attempt = {
  id: string;
  outcome: string;
  note?: string | null;
  at?: string;
  createdAt?: string;
  byName?: string;
};
/** A task as listed, plus what its detail attaches (allowed moves, promises, attempts, appointment). */
export type Task = Omit<ListedTask, 'status'> & {
  status: TaskStatus;
  allowedStatuses?: string[];
  /** On the detail only: the customer's number, for click-to-dial. */
  customerPhone?: string | null;
  promises?: Promise_[];
  appointment?: { start: string; end: string; customerTimeZone: string } | null;
};
export type ResolutionReason = Json<'/api/resolution-reasons', 'get', 200>['items'][number];

const toQuery = (filters: TaskFilters) => {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(filters)) if (v) q.set(k, v);
  return q.toString();
};

/** One page after another of tasks matching the filters (the server pages by cursor). */
export function useTasks(filters: TaskFilters) {
  return useInfiniteQuery({
    queryKey: keys.tasks.list(filters),
    queryFn: ({ pageParam }) =>
      request<{ items: Task[]; nextCursor: string | null }>(
        'GET',
        `/api/tasks?${toQuery({ ...filters, cursor: pageParam ?? undefined })}`,
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? null,
  });
}

export function useTask(id: string | undefined) {
  return useQuery({
    queryKey: keys.tasks.detail(id ?? ''),
    queryFn: () => unwrap(api.GET('/api/tasks/{id}', { params: { path: { id: id! } } })) as Promise<Task>,
    enabled: Boolean(id),
  });
}

export function useResolutionReasons() {
  return useQuery({
    queryKey: keys.lookups.resolutionReasons(),
    queryFn: async () => {
      const body = await request<{ items: ResolutionReason[] } | ResolutionReason[]>(
        'GET',
        '/api/resolution-reasons',
      );
      return Array.isArray(body) ? body : body.items;
    },
    staleTime: 5 * 60_000,
  });
}

type ListData = { pages: Array<{ items: Task[]; nextCursor: string | null }>; pageParams: unknown[] };

/**
 * Changes a task's status or assignee optimistically in every cached list and its detail; puts
 * everything back when the server refuses, so the card returns to its column.
 */
export function useUpdateTask() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({
      id,
      patch,
    }: {
      id: string;
      patch: { status?: TaskStatus; assigneeId?: string | null };
    }) => {
      return request<Task>('PATCH', `/api/tasks/${id}`, patch);
    },
    onMutate: async ({ id, patch }) => {
      await client.cancelQueries({ queryKey: keys.tasks.all() });
      const lists = client.getQueriesData<ListData>({ queryKey: ['tasks', 'list'] });
      const detail = client.getQueryData<Task>(keys.tasks.detail(id));
      const apply = (t: Task): Task => (t.id === id ? { ...t, ...patch } : t);
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
    onSuccess: (task) => {
      if (task && typeof task === 'object' && 'id' in task)
        client.setQueryData(keys.tasks.detail(task.id), task);
    },
    onSettled: () => client.invalidateQueries({ queryKey: keys.tasks.all() }),
  });
}

export function useCompleteTask() {
  const client = useQueryClient();
  const submission = useSubmissionKey();
  return useMutation({
    mutationFn: (submitted: { id: string; resolutionReasonId: string; note?: string }) => {
      const { id, resolutionReasonId, note } = submitted;
      const body = note ? { resolutionReasonId, note } : { resolutionReasonId };
      return request<Task>('POST', `/api/tasks/${id}/complete`, body, {
        'idempotency-key': submission.keyFor(submitted),
      });
    },
    onSettled: (_data, error, submitted) => {
      submission.settle(submitted, error);
      void client.invalidateQueries({ queryKey: keys.tasks.all() });
      void client.invalidateQueries({ queryKey: keys.jobs.all() });
      void client.invalidateQueries({ queryKey: keys.customers.all() });
    },
  });
}

export type AttemptOutcome =
  paths['/api/tasks/{id}/attempts']['post']['requestBody']['content']['application/json']['outcome'];

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
    mutationFn: (submitted: { id: string; outcome: Attempt['outcome']; note?: string }) => {
      const { id, outcome, note } = submitted;
      return unwrap(
        api.POST('/api/tasks/{id}/attempts', {
          params: { path: { id }, header: { 'idempotency-key': submission.keyFor(submitted) } },
          body: note ? { outcome, note } : { outcome },
        } as never),
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

export type CustomerView = Json<'/api/customers/{id}/view', 'get', 200>;

export function useCustomerView(id: string | undefined) {
  return useQuery({
    queryKey: keys.customers.view(id ?? ''),
    queryFn: () => unwrap(api.GET('/api/customers/{id}/view', { params: { path: { id: id! } } })),
    enabled: Boolean(id),
  });
}
