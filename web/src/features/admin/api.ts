import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, request, unwrap } from '../../api/client';
import type { paths } from '../../api/schema';
import { keys } from '../../api/keys';

export type Row = Record<string, unknown>;

export function useAdminList(name: string, path: string) {
  return useQuery({
    queryKey: keys.admin.resource(name),
    queryFn: async () => {
      const body = await request<{ items: Row[] } | Row[]>('GET', path);
      return Array.isArray(body) ? body : body.items;
    },
  });
}

export function useAdminSave(name: string, path: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: Row }) =>
      request<Row>(id ? 'PATCH' : 'POST', id ? `${path}/${encodeURIComponent(id)}` : path, body),
    onSettled: () => {
      void client.invalidateQueries({ queryKey: keys.admin.resource(name) });
      void client.invalidateQueries({ queryKey: keys.lookups.all() });
    },
  });
}

export type Mail =
  paths['/api/mailbox']['get']['responses'][200]['content']['application/json']['items'][number];

export function useMailbox() {
  return useQuery({
    queryKey: keys.admin.mailbox(),
    queryFn: async () => (await unwrap(api.GET('/api/mailbox'))).items,
  });
}
