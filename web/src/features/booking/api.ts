import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { request } from '../../api/client';
import { keys } from '../../api/keys';

export type Window = { start: string; end: string; remaining: number };
export type Day = { date: string; windows: Window[] };
export type Booked = {
  appointment: {
    id: string;
    start: string;
    end: string;
    siteSlug: string;
    status: string;
    customerTimeZone: string;
  };
  exception?: { id: string };
  task?: { id: string };
  confirmation?: { script?: string; text?: string; email?: string; [key: string]: unknown } | string;
};

export function useAvailability(site: string, from: string, days: number, tz: string) {
  return useQuery({
    queryKey: keys.availability.range(site, from, days, tz),
    queryFn: () =>
      request<{ days: Day[] }>(
        'GET',
        `/api/sites/${site}/availability?from=${from}&days=${days}&tz=${encodeURIComponent(tz)}`,
      ),
    placeholderData: (previous) => previous,
  });
}

export function useBook(site: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: {
      escalationId: string;
      start: string;
      customerTimeZone: string;
      idempotencyKey: string;
    }) =>
      request<Booked>(
        'POST',
        `/api/sites/${site}/appointments`,
        { escalationId: input.escalationId, start: input.start, customerTimeZone: input.customerTimeZone },
        { 'Idempotency-Key': input.idempotencyKey },
      ),
    onSettled: () => {
      void client.invalidateQueries({ queryKey: keys.availability.all() });
      void client.invalidateQueries({ queryKey: keys.jobs.all() });
    },
  });
}
