import type { Deps } from '../../deps.ts';
import { AppError } from '../../lib/errors.ts';
import * as repo from './repo.ts';
import { checkPasswordAndOpenSession } from './session.ts';

/**
 * How many failed sign-ins are allowed in a sliding window before further tries are refused:
 * per email (guessing one person's password) and per client address (trying many emails).
 */
export const signInLimits = { windowMs: 15 * 60_000, perEmail: 5, perAddress: 20 };

/** Seconds until the oldest failure in a full window leaves it. */
function secondsUntilFree(oldest: Date | null, now: Date): number {
  const freeAt = (oldest?.getTime() ?? now.getTime()) + signInLimits.windowMs;
  return Math.max(1, Math.ceil((freeAt - now.getTime()) / 1000));
}

/**
 * Signs a person in, throttled: each try is written down as a failure before the password is
 * checked (so tries racing in parallel, from any process, count each other) and forgotten when it
 * proves right, together with the email's earlier failures. Throttled tries answer `rate_limited`
 * with `retryAfter` seconds, for unknown emails exactly as for known ones.
 */
export async function signIn(deps: Deps, input: { email: string; password: string }, address: string) {
  const email = input.email.trim().toLowerCase();
  const now = deps.clock.now();
  const attempt = await repo.insertSignInFailure(deps.db, { email, address, failedAt: now });
  const since = new Date(now.getTime() - signInLimits.windowMs);
  const failures = await repo.countSignInFailures(deps.db, email, address, since);
  const over =
    failures.email.count > signInLimits.perEmail
      ? failures.email
      : failures.address.count > signInLimits.perAddress
        ? failures.address
        : null;
  if (over) {
    // A refused try is not a guess: it does not extend the wait.
    await repo.deleteSignInFailure(deps.db, attempt);
    const retryAfter = secondsUntilFree(over.oldest, now);
    throw new AppError('rate_limited', `too many failed sign-ins; try again in ${retryAfter} seconds`, {
      retryAfter,
    });
  }
  const session = await checkPasswordAndOpenSession(deps, { email, password: input.password });
  if (!session) throw new AppError('unauthenticated', 'email or password is not right');
  await repo.forgetSignInFailures(deps.db, email);
  return session;
}
