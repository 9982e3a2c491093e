import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api, unwrap } from '../../api/client';
import { keys } from '../../api/keys';
import type { paths } from '../../api/schema';
import { useSubmissionKey } from '../../api/submission';

export type Availability =
  paths['/api/sites/{slug}/availability']['get']['responses'][200]['content']['application/json'];
export type Day = Availability['days'][number];
export type Window = Day['windows'][number];
export type Booked =
  paths['/api/sites/{slug}/appointments']['post']['responses'][201]['content']['application/json'];
/** A refused booking (not a staffed window, too soon or too far ahead, just filled). */
type BookingRefusal =
  paths['/api/sites/{slug}/appointments']['post']['responses'][409]['content']['application/problem+json'];

/** The nearest open windows a refused booking offers instead, or null when it offers none. */
export function alternativesOffered(error: unknown): Window[] | null {
  if (!(error instanceof ApiError) || ![400, 409, 422].includes(error.status)) return null;
  // An ApiError carries the problem body of its status, which these statuses document here.
  return (error.body as BookingRefusal).alternatives ?? null;
}

/** Whether a refused window was inside the customer's quiet hours (rather than full). */
export function isQuietHoursRefusal(error: unknown): boolean {
  // The problem document names the rule that refused in `reason` (see booking/take-place.ts).
  return error instanceof ApiError && (error.body as { reason?: string }).reason === 'quiet_hours';
}

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
