import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { keys } from '../../api/keys';
import type { paths } from '../../api/schema';
import { useSubmissionKey } from '../../api/submission';

export type Availability =
  paths['/api/sites/{slug}/availability']['get']['responses'][200]['content']['application/json'];
export type Day = Availability['days'][number];
export type Window = Day['windows'][number];
export type Booked =
  paths['/api/sites/{slug}/appointments']['post']['responses'][201]['content']['application/json'];

/**
 * Open windows from `from` in the customer's zone `tz`. With `days` left out the server answers every
 * date up to the site's booking horizon (`horizonDays`, `lastBookableDate` in the answer).
 */
export function useAvailability(site: string, from: string, days: number | undefined, tz: string) {
  return useQuery({
    // 0 in the key: "up to the site's horizon".
    queryKey: keys.availability.range(site, from, days ?? 0, tz),
    queryFn: () =>
      unwrap(
        api.GET('/api/sites/{slug}/availability', {
          params: { path: { slug: site }, query: { from, days, tz } },
        }),
      ),
    placeholderData: (previous) => previous,
  });
}

/** Books a window; the Idempotency-Key makes a retried click book once. */
export function useBook(site: string) {
  const client = useQueryClient();
  const submission = useSubmissionKey();
  return useMutation({
    mutationFn: (body: { escalationId: string; start: string; customerTimeZone: string }) =>
      unwrap(
        api.POST('/api/sites/{slug}/appointments', {
          params: { path: { slug: site }, header: { 'idempotency-key': submission.keyFor(body) } },
          body,
        }),
      ),
    onSettled: (_data, error, body) => {
      submission.settle(body, error);
      void client.invalidateQueries({ queryKey: keys.availability.all() });
      void client.invalidateQueries({ queryKey: keys.jobs.all() });
      void client.invalidateQueries({ queryKey: keys.tasks.all() });
    },
  });
}
