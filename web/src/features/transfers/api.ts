import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { request } from '../../api/client';
import { keys } from '../../api/keys';
import { noteOwnWrite } from '../../shared/live';

// Shapes of the Leadership Desk routes (CONTRACT.md names).
export type Transfer = {
  id: string;
  escalationId: string;
  siteSlug: string;
  status: string;
  enqueuedAt: string;
  estimatedWaitSeconds: number;
  thresholdSeconds?: number;
  waitedSeconds?: number;
  thresholdReached?: boolean;
  answeredBy?: { id: string; name: string } | null;
  answeredByName?: string | null;
  answeredAt?: string | null;
  reasons?: string[];
  jobNumber?: string;
  customerName?: string;
  agentName?: string;
  summary?: string;
};

export type Brief = {
  transfer?: Transfer;
  reasons?: string[];
  reasonLabels?: string[];
  summary?: string;
  customer?: { name: string; phone?: string; email?: string | null; timeZone?: string };
  job?: { number: string; product?: string; status?: string };
  agent?: { name: string };
  [key: string]: unknown;
};

export type Permission = {
  id: string;
  escalationId: string;
  status: 'pending' | 'approved' | 'denied' | string;
  supervisorId: string;
  supervisorName?: string;
  agentName?: string;
  requestedBy?: { id: string; name: string };
  jobNumber?: string;
  reasons?: string[];
  summary?: string;
  thresholdReached?: boolean;
  note?: string | null;
  decidedAt?: string | null;
  createdAt?: string;
};

const list = <T>(body: { items: T[] } | T[]) => (Array.isArray(body) ? body : body.items);

export function useTransfer(id: string | undefined) {
  return useQuery({
    queryKey: keys.transfers.detail(id ?? ''),
    queryFn: () => request<Transfer>('GET', `/api/transfers/${id}`),
    enabled: Boolean(id),
    // Events carry changes; a slow poll only guards the threshold flag against a missed event.
    refetchInterval: 15_000,
  });
}

export function useStartTransfer() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (escalationId: string) =>
      request<Transfer>('POST', `/api/escalations/${escalationId}/transfer`),
    onSuccess: (transfer) => {
      noteOwnWrite(transfer.id);
      client.setQueryData(keys.transfers.detail(transfer.id), transfer);
      void client.invalidateQueries({ queryKey: keys.desk.all() });
    },
  });
}

/** answer | conference | leave | abandon, each a POST on the transfer. */
export function useTransferAction(action: 'answer' | 'conference' | 'leave' | 'abandon') {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => {
      noteOwnWrite(id);
      return request<Brief & Transfer>('POST', `/api/transfers/${id}/${action}`);
    },
    onSettled: (_data, _error, id) => {
      void client.invalidateQueries({ queryKey: keys.transfers.detail(id) });
      void client.invalidateQueries({ queryKey: keys.desk.all() });
    },
  });
}

export function useDeskQueue(site: string | undefined) {
  return useQuery({
    queryKey: keys.desk.queue(site ?? ''),
    queryFn: async () =>
      list(await request<{ items: Transfer[] } | Transfer[]>('GET', `/api/desk/${site}/queue`)),
    enabled: Boolean(site),
  });
}

export function usePermission(id: string | undefined) {
  return useQuery({
    queryKey: keys.permissions.detail(id ?? ''),
    queryFn: () => request<Permission>('GET', `/api/callback-permissions/${id}`),
    enabled: Boolean(id),
  });
}

export function useAskPermission() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (escalationId: string) =>
      request<Permission>('POST', `/api/escalations/${escalationId}/callback-permission`),
    onSuccess: (permission) => {
      noteOwnWrite(permission.id);
      client.setQueryData(keys.permissions.detail(permission.id), permission);
    },
  });
}

export function usePermissionInbox(enabled: boolean) {
  return useQuery({
    queryKey: keys.permissions.inbox(),
    queryFn: async () =>
      list(
        await request<{ items: Permission[] } | Permission[]>(
          'GET',
          '/api/callback-permissions?status=pending',
        ),
      ),
    enabled,
  });
}

export function useDecidePermission() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, decision, note }: { id: string; decision: 'approve' | 'deny'; note?: string }) => {
      noteOwnWrite(id);
      return request<Permission>('POST', `/api/callback-permissions/${id}/${decision}`, note ? { note } : {});
    },
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
    onSettled: () => client.invalidateQueries({ queryKey: keys.permissions.all() }),
  });
}
