import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { keys } from '../../api/keys';
import type { paths } from '../../api/schema';
import { useSubmissionKey } from '../../api/submission';

export type Escalation =
  paths['/api/escalations/{id}']['get']['responses']['200']['content']['application/json'];
export type Reason =
  paths['/api/reasons']['get']['responses'][200]['content']['application/json']['items'][number];

export function useReasons() {
  return useQuery({
    queryKey: keys.lookups.reasons(),
    queryFn: async () => (await unwrap(api.GET('/api/reasons'))).items,
    staleTime: 5 * 60_000,
  });
}

export function useEscalation(id: string | undefined) {
  return useQuery({
    queryKey: keys.escalations.detail(id ?? ''),
    queryFn: () => unwrap(api.GET('/api/escalations/{id}', { params: { path: { id: id! } } })),
    enabled: Boolean(id),
  });
}

export function useEscalate() {
  const client = useQueryClient();
  const submission = useSubmissionKey();
  return useMutation({
    mutationFn: (body: { jobNumber: string; reasons: string[]; summary: string; allowDuplicate: boolean }) =>
      unwrap(
        api.POST('/api/escalations', {
          params: { header: { 'idempotency-key': submission.keyFor(body) } },
          body,
        }),
      ),
    onSettled: (_data, error, body) => submission.settle(body, error),
    onSuccess: (escalation) => {
      client.setQueryData(keys.escalations.detail(escalation.id), escalation);
      void client.invalidateQueries({ queryKey: keys.jobs.detail(escalation.jobNumber) });
    },
  });
}

export type OpenEscalation =
  paths['/api/me/escalations']['get']['responses'][200]['content']['application/json']['items'][number];

/** Escalations the agent raised that still need them (one job's, or all), with transfer and permission state. */
export function useMyOpenEscalations(jobNumber?: string) {
  return useQuery({
    queryKey: [...keys.escalations.all(), 'mine', jobNumber ?? ''],
    queryFn: async () =>
      (await unwrap(api.GET('/api/me/escalations', { params: { query: jobNumber ? { jobNumber } : {} } })))
        .items,
  });
}
