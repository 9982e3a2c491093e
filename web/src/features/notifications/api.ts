import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { keys } from '../../api/keys';
import type { paths } from '../../api/schema';
import { useSubmissionKey } from '../../api/submission';

type NotificationPage = paths['/api/notifications']['get']['responses'][200]['content']['application/json'];
/** One kept alert, as the centre lists it. */
export type Notification = NotificationPage['items'][number];

/** The person's notifications, unread first, a page at a time. */
export function useNotifications() {
  return useInfiniteQuery({
    queryKey: keys.notifications.list(),
    queryFn: ({ pageParam }) =>
      unwrap(api.GET('/api/notifications', { params: { query: pageParam ? { cursor: pageParam } : {} } })),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? null,
  });
}

/** The bell's count. */
export function useUnreadCount() {
  return useQuery({
    queryKey: keys.notifications.unread(),
    queryFn: async () => (await unwrap(api.GET('/api/notifications/unread-count'))).unread,
  });
}

export function useReadNotification() {
  const client = useQueryClient();
  const submission = useSubmissionKey();
  return useMutation({
    mutationFn: (id: string) =>
      unwrap(
        api.POST('/api/notifications/{id}/read', {
          params: { path: { id }, header: { 'idempotency-key': submission.keyFor(id) } },
        }),
      ),
    onSettled: (_data, error, id) => {
      submission.settle(id, error);
      void client.invalidateQueries({ queryKey: keys.notifications.all() });
    },
  });
}

export function useReadAllNotifications() {
  const client = useQueryClient();
  const submission = useSubmissionKey();
  return useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/notifications/read-all', {
          params: { header: { 'idempotency-key': submission.keyFor('all') } },
        }),
      ),
    onSettled: (_data, error) => {
      submission.settle('all', error);
      void client.invalidateQueries({ queryKey: keys.notifications.all() });
    },
  });
}
