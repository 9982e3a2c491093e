import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, request, unwrap } from '../../api/client';
import type { paths } from '../../api/schema';
import { keys } from '../../api/keys';
import { useSubmissionKey } from '../../api/submission';

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
  const submission = useSubmissionKey();
  return useMutation({
    // A create carries its submission's key; an edit (PATCH) sets values, so a repeat changes nothing.
    mutationFn: (saved: { id?: string; body: Row }) =>
      saved.id
        ? request<Row>('PATCH', `${path}/${encodeURIComponent(saved.id)}`, saved.body)
        : request<Row>('POST', path, saved.body, { 'idempotency-key': submission.keyFor(saved) }),
    onSettled: (_data, error, saved) => {
      submission.settle(saved, error);
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
