import { useMemo, useRef } from 'react';
import { ApiError } from './client';

/**
 * One `Idempotency-Key` per submission, so that a double click or a retry is done once by the
 * server. `keyFor(values)` is called as the request goes out: it gives the same key while the
 * same values go out again (a second press while the first is in flight, a mutation retry, a
 * press after the answer was lost on the way), and a new key for other values. `settle(error)`
 * ends the submission when its answer arrived (success or a refusal, which the server does not
 * keep); after a lost answer (network error, 5xx) the key stays, so that pressing again replays
 * what the server may have done.
 */
export function useSubmissionKey() {
  const current = useRef<{ key: string; values: string } | null>(null);
  return useMemo(
    () => ({
      keyFor(values: unknown): string {
        const fingerprint = JSON.stringify(values ?? null);
        if (current.current?.values !== fingerprint) {
          current.current = { key: crypto.randomUUID(), values: fingerprint };
        }
        return current.current.key;
      },
      settle(error: unknown) {
        const isAnswered = !error || (error instanceof ApiError && error.status < 500);
        if (isAnswered) current.current = null;
      },
    }),
    [],
  );
}
