import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { keys } from '../../api/keys';
import type { paths } from '../../api/schema';
import { useSubmissionKey } from '../../api/submission';

export type Outage =
  paths['/api/admin/outages']['get']['responses'][200]['content']['application/json']['items'][number];
export type OutageFields = paths['/api/admin/outages']['post']['requestBody']['content']['application/json'];

const outagesKey = () => keys.admin.resource('outages');

/** Recent outages, running and ended, newest first. */
export function useOutages() {
  return useQuery({
    queryKey: outagesKey(),
    queryFn: async () => (await unwrap(api.GET('/api/admin/outages'))).items,
  });
}

/** After any change: the admin list and everyone's banner. */
function useRefreshOutages() {
  const client = useQueryClient();
  return () => {
    void client.invalidateQueries({ queryKey: outagesKey() });
    void client.invalidateQueries({ queryKey: keys.outages.active() });
  };
}

export function useDeclareOutage() {
  const refresh = useRefreshOutages();
  const submission = useSubmissionKey();
  return useMutation({
    mutationFn: (body: OutageFields) =>
      unwrap(
        api.POST('/api/admin/outages', {
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

export function useEditOutage() {
  const refresh = useRefreshOutages();
  return useMutation({
    mutationFn: ({ id, change }: { id: string; change: Partial<OutageFields> }) =>
      unwrap(api.PATCH('/api/admin/outages/{id}', { params: { path: { id } }, body: change })),
    onSettled: refresh,
  });
}

export function useEndOutage() {
  const refresh = useRefreshOutages();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.POST('/api/admin/outages/{id}/end', { params: { path: { id } } })),
    onSettled: refresh,
  });
}
