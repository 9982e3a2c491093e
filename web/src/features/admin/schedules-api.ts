import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { keys } from '../../api/keys';
import type { paths } from '../../api/schema';
import { useSubmissionKey } from '../../api/submission';

type Json<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends {
  requestBody: { content: { 'application/json': infer B } };
}
  ? B
  : never;

export type SiteSchedules =
  paths['/api/admin/schedules']['get']['responses'][200]['content']['application/json'];
export type Schedule = SiteSchedules['items'][number];
export type ScheduleException = SiteSchedules['exceptions'][number];
export type AddSchedule = Json<'/api/admin/schedules', 'post'>;
export type ChangeSchedule = Json<'/api/admin/schedules/{id}', 'patch'>;
export type AddScheduleException = Json<'/api/admin/schedule-exceptions', 'post'>;

const schedulesKey = (site: string) => [...keys.admin.resource('schedules'), site] as const;

/** One site's weekly desk hours and its holidays and time off. */
export function useSiteSchedules(site: string) {
  return useQuery({
    queryKey: schedulesKey(site),
    queryFn: () => unwrap(api.GET('/api/admin/schedules', { params: { query: { site } } })),
  });
}

function useRefresh() {
  const client = useQueryClient();
  // Every site's, and the booking windows that depend on them.
  return () => {
    void client.invalidateQueries({ queryKey: keys.admin.resource('schedules') });
    void client.invalidateQueries({ queryKey: keys.lookups.all() });
  };
}

export function useAddSchedule() {
  const refresh = useRefresh();
  const submission = useSubmissionKey();
  return useMutation({
    mutationFn: (body: AddSchedule) =>
      unwrap(
        api.POST('/api/admin/schedules', {
          params: { header: { 'idempotency-key': submission.keyFor(body) } },
          body,
        }),
      ),
    onSettled: (_data, error, body) => {
      submission.settle(body, error);
      refresh();
    },
  });
}

export function useChangeSchedule() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, change }: { id: string; change: ChangeSchedule }) =>
      unwrap(api.PATCH('/api/admin/schedules/{id}', { params: { path: { id } }, body: change })),
    onSettled: refresh,
  });
}

export function useRemoveSchedule() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE('/api/admin/schedules/{id}', { params: { path: { id } } })),
    onSettled: refresh,
  });
}

export function useAddScheduleException() {
  const refresh = useRefresh();
  const submission = useSubmissionKey();
  return useMutation({
    mutationFn: (body: AddScheduleException) =>
      unwrap(
        api.POST('/api/admin/schedule-exceptions', {
          params: { header: { 'idempotency-key': submission.keyFor(body) } },
          body,
        }),
      ),
    onSettled: (_data, error, body) => {
      submission.settle(body, error);
      refresh();
    },
  });
}

export function useRemoveScheduleException() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (id: string) =>
      unwrap(api.DELETE('/api/admin/schedule-exceptions/{id}', { params: { path: { id } } })),
    onSettled: refresh,
  });
}
