import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { request } from '../../api/client';
import { keys, type TaskFilters } from '../../api/keys';
import { noteOwnWrite } from '../../shared/live';

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

export type Promise_ = { kind: string; dueAt: string; keptAt?: string | null; brokenAt?: string | null };
export type Attempt = {
  id: string;
  outcome: string;
  note?: string | null;
  at?: string;
  createdAt?: string;
  byName?: string;
};
export type Task = {
  id: string;
  type: string;
  status: TaskStatus;
  title: string;
  details?: string | null;
  team: { id: string; name: string; kind: string } | null;
  assigneeId: string | null;
  assignee: { id: string; name: string } | null;
  dueAt: string | null;
  jobNumber: string | null;
  customerId: string | null;
  customerName?: string | null;
  exceptionId?: string | null;
  appointmentId?: string | null;
  appointment?: { start: string; end: string; customerTimeZone: string } | null;
  promises?: Promise_[];
  attempts?: Attempt[];
  resolutionReason?: string | null;
  completedAt?: string | null;
  createdAt?: string;
  updatedAt?: string;
};
export type ResolutionReason = { id: string; label: string; isActive?: boolean };

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
    queryFn: () => request<Task>('GET', `/api/tasks/${id}`),
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
      noteOwnWrite(id);
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
  return useMutation({
    mutationFn: ({
      id,
      resolutionReasonId,
      note,
    }: {
      id: string;
      resolutionReasonId: string;
      note?: string;
    }) => {
      noteOwnWrite(id);
      return request<Task>(
        'POST',
        `/api/tasks/${id}/complete`,
        note ? { resolutionReasonId, note } : { resolutionReasonId },
      );
    },
    onSettled: () => {
      void client.invalidateQueries({ queryKey: keys.tasks.all() });
      void client.invalidateQueries({ queryKey: keys.jobs.all() });
      void client.invalidateQueries({ queryKey: keys.customers.all() });
    },
  });
}

export function useLogAttempt() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, outcome, note }: { id: string; outcome: string; note?: string }) => {
      noteOwnWrite(id);
      return request<Attempt>('POST', `/api/tasks/${id}/attempts`, note ? { outcome, note } : { outcome });
    },
    onSettled: (_d, _e, { id }) => {
      void client.invalidateQueries({ queryKey: keys.tasks.detail(id) });
      void client.invalidateQueries({ queryKey: keys.jobs.all() });
    },
  });
}

export type CustomerView = {
  customer: { id: string; name: string; phone?: string; email?: string | null; timeZone?: string };
  jobs: Array<{ number: string; product?: string; status?: string }>;
  escalations: Array<{
    id: string;
    jobNumber: string;
    reasons: string[];
    status: string;
    createdAt?: string;
  }>;
  exceptions: Array<{
    id: string;
    typeLabel?: string;
    type?: string;
    status: string;
    comment?: string;
    jobNumber?: string;
  }>;
  tasks: Task[];
  appointments: Array<{
    id: string;
    start: string;
    end: string;
    status: string;
    customerTimeZone: string;
    siteSlug: string;
  }>;
};

export function useCustomerView(id: string | undefined) {
  return useQuery({
    queryKey: keys.customers.view(id ?? ''),
    queryFn: () => request<CustomerView>('GET', `/api/customers/${id}/view`),
    enabled: Boolean(id),
  });
}
