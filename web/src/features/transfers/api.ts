import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { keys } from '../../api/keys';
import type { paths } from '../../api/schema';
import { useSubmissionKey } from '../../api/submission';
import { recordServerDate } from '../../shared/ticker';

type Json<P extends keyof paths, M extends keyof paths[P], S extends number> = paths[P][M] extends {
  responses: { [K in S]: { content: { 'application/json': infer T } } };
}
  ? T
  : never;

export type Transfer = Json<'/api/transfers/{id}', 'get', 200>;
export type EnqueuedTransfer = Json<'/api/escalations/{id}/transfer', 'post', 201>;
export type Queue = Json<'/api/desk/{siteSlug}/queue', 'get', 200>;
export type QueueItem = Queue['items'][number];
export type Permission = Json<'/api/callback-permissions/{id}', 'get', 200>;

export function useTransfer(id: string | undefined) {
  return useQuery({
    queryKey: keys.transfers.detail(id ?? ''),
    queryFn: () => unwrap(api.GET('/api/transfers/{id}', { params: { path: { id: id! } } })),
    enabled: Boolean(id),
    // Events carry every step; a slow poll only guards against a missed one.
    refetchInterval: 20_000,
  });
}

export function useStartTransfer() {
  const client = useQueryClient();
  const submission = useSubmissionKey();
  return useMutation({
    mutationFn: (escalationId: string) =>
      unwrap(
        api.POST('/api/escalations/{id}/transfer', {
          params: {
            path: { id: escalationId },
            header: { 'idempotency-key': submission.keyFor(escalationId) },
          },
          body: {},
        }),
      ),
    onSettled: (_data, error, escalationId) => submission.settle(escalationId, error),
    onSuccess: (transfer) => {
      client.setQueryData(keys.transfers.detail(transfer.id), transfer);
      void client.invalidateQueries({ queryKey: keys.desk.all() });
    },
  });
}

const stepPaths = {
  answer: '/api/transfers/{id}/answer',
  conference: '/api/transfers/{id}/conference',
  leave: '/api/transfers/{id}/leave',
  abandon: '/api/transfers/{id}/abandon',
} as const;

/** answer | conference | leave | abandon: each a POST that returns the transfer as it now is. */
export function useTransferStep(step: keyof typeof stepPaths) {
  const client = useQueryClient();
  const submission = useSubmissionKey();
  return useMutation({
    mutationFn: (id: string) =>
      unwrap(
        api.POST(stepPaths[step], {
          params: { path: { id }, header: { 'idempotency-key': submission.keyFor(id) } },
        }),
      ),
    onSuccess: (transfer) => client.setQueryData(keys.transfers.detail(transfer.id), transfer),
    onSettled: (_data, error, id) => {
      submission.settle(id, error);
      // Not awaited: the caller's own callbacks (open the brief) should not wait for the queue's refetch.
      void client.invalidateQueries({ queryKey: keys.desk.all() });
    },
  });
}

/** The call this desk member holds (answered, not finished), kept by the server across reloads. */
export function useActiveCall(enabled = true) {
  return useQuery({
    queryKey: keys.desk.activeCall(),
    queryFn: async () => (await unwrap(api.GET('/api/me/active-call'))).call,
    enabled,
  });
}

export function useDeskQueue(site: string | undefined) {
  return useQuery({
    queryKey: keys.desk.queue(site ?? ''),
    queryFn: async () => {
      const queue = await unwrap(
        api.GET('/api/desk/{siteSlug}/queue', { params: { path: { siteSlug: site! } } }),
      );
      recordServerDate(new Date(String(queue.serverTime)).toUTCString());
      return queue;
    },
    enabled: Boolean(site),
    refetchInterval: 30_000,
  });
}

export function usePermission(id: string | undefined) {
  return useQuery({
    queryKey: keys.permissions.detail(id ?? ''),
    queryFn: () => unwrap(api.GET('/api/callback-permissions/{id}', { params: { path: { id: id! } } })),
    enabled: Boolean(id),
  });
}

export function useAskPermission() {
  const client = useQueryClient();
  const submission = useSubmissionKey();
  return useMutation({
    mutationFn: (asked: { escalationId: string; note?: string }) =>
      unwrap(
        api.POST('/api/escalations/{id}/callback-permission', {
          params: {
            path: { id: asked.escalationId },
            header: { 'idempotency-key': submission.keyFor(asked) },
          },
          body: asked.note ? { note: asked.note } : {},
        }),
      ),
    onSettled: (_data, error, asked) => submission.settle(asked, error),
    onSuccess: (permission) => client.setQueryData(keys.permissions.detail(permission.id), permission),
  });
}

export function usePermissionInbox(enabled: boolean) {
  return useQuery({
    queryKey: keys.permissions.inbox(),
    queryFn: async () =>
      (await unwrap(api.GET('/api/callback-permissions', { params: { query: { status: 'pending' } } })))
        .items,
    enabled,
  });
}

export function useDecidePermission() {
  const client = useQueryClient();
  const submission = useSubmissionKey();
  return useMutation({
    mutationFn: (decided: { id: string; decision: 'approve' | 'deny'; note?: string }) =>
      unwrap(
        api.POST(
          decided.decision === 'approve'
            ? '/api/callback-permissions/{id}/approve'
            : '/api/callback-permissions/{id}/deny',
          {
            params: {
              path: { id: decided.id },
              header: { 'idempotency-key': submission.keyFor(decided) },
            },
            body: decided.note ? { note: decided.note } : {},
          },
        ),
      ),
    onMutate: async ({ id }) => {
      await client.cancelQueries({ queryKey: keys.permissions.inbox() });
      const before = client.getQueryData<Permission[]>(keys.permissions.inbox());
      if (before)
        client.setQueryData(
          keys.permissions.inbox(),
          before.filter((p) => p.id !== id),
        );
      return { before };
    },
    onError: (_e, _v, context) => {
      if (context?.before) client.setQueryData(keys.permissions.inbox(), context.before);
    },
    onSettled: (_data, error, decided) => {
      submission.settle(decided, error);
      return client.invalidateQueries({ queryKey: keys.permissions.all() });
    },
  });
}
