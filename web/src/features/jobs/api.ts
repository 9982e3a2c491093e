import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { keys } from '../../api/keys';
import type { paths } from '../../api/schema';
import { useSubmissionKey } from '../../api/submission';

export type JobSummary =
  paths['/api/jobs']['get']['responses']['200']['content']['application/json']['items'][number];
export type Job = paths['/api/jobs/{number}']['get']['responses']['200']['content']['application/json'];

export function useJobSearch(q: string) {
  return useQuery({
    queryKey: keys.jobs.search(q),
    queryFn: () => unwrap(api.GET('/api/jobs', { params: { query: { q } } })),
    enabled: q.trim().length >= 2,
    placeholderData: (previous) => previous,
  });
}

export function useJob(number: string | undefined) {
  return useQuery({
    queryKey: keys.jobs.detail(number ?? ''),
    queryFn: () => unwrap(api.GET('/api/jobs/{number}', { params: { path: { number: number! } } })),
    enabled: Boolean(number),
  });
}

export function useAddNote(number: string) {
  const client = useQueryClient();
  const submission = useSubmissionKey();
  return useMutation({
    mutationFn: (body: string) =>
      unwrap(
        api.POST('/api/jobs/{number}/notes', {
          params: { path: { number }, header: { 'idempotency-key': submission.keyFor(body) } },
          body: { body },
        }),
      ),
    onSettled: (_data, error, body) => {
      submission.settle(body, error);
      return client.invalidateQueries({ queryKey: keys.jobs.detail(number) });
    },
  });
}
