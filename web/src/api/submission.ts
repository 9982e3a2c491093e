import { useMemo, useRef } from 'react';
import { ApiError } from './client';

/**
 * One `Idempotency-Key` per submission, so that a double click or a retry is done once by the
 * server. Give it a mutation's variables: `keyFor(variables)`, called as the request goes out,
 * gives the same key while the same variables are still unanswered (a second press while the
 * first is in flight, a mutation retry, a press after the answer was lost on the way) and a new
 * key otherwise. `settle(variables, error)` ends that submission once its answer arrived (success,
 * or a refusal, which the server does not keep); after a lost answer (network error, 5xx) the key
 * stays, so that pressing again replays whatever the server did.
 */
export function useSubmissionKey() {
  const unanswered = useRef(new Map<string, string>());
  return useMemo(
    () => ({
      keyFor(variables: unknown): string {
        const submission = JSON.stringify(variables ?? null);
        let key = unanswered.current.get(submission);
        if (!key) {
          key = crypto.randomUUID();
          unanswered.current.set(submission, key);
        }
        return key;
      },
      settle(variables: unknown, error: unknown) {
        const isAnswered = !error || (error instanceof ApiError && error.status < 500);
        if (isAnswered) unanswered.current.delete(JSON.stringify(variables ?? null));
      },
    }),
    [],
  );
}
