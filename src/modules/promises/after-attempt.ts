import type { Db } from '../../db/client.ts';
import type { Deps } from '../../deps.ts';
import { cancelTimers } from '../../jobs/timers.ts';
import { zoneOf } from './alerts.ts';
import { type AttemptDecision, decideAfterAttempt, isOnTime, type PriorAttempt } from './callback-clock.ts';
import { type CallbackGuidelines, loadGuidelines } from '../guidelines/service.ts';
import { isQuiet } from '../guidelines/quiet-hours.ts';
import type { CallbackContext } from './callback-context.ts';
import * as repo from './repo.ts';
import { makePromise, timerKey } from './schedule.ts';
import type { AttemptOutcome } from './tables.ts';

export type AttemptPlan = { decision: AttemptDecision; guidelines: CallbackGuidelines };

/** Whether calls to the customer are allowed now (outside their quiet hours). */
export async function isCallAllowedNow(tx: Db, context: CallbackContext, now: Date) {
  const guidelines = await loadGuidelines(tx);
  return {
    isAllowed: !isQuiet(now, zoneOf(context), guidelines.quietHours),
    quietHours: guidelines.quietHours,
  };
}

/** What an attempt means under the current guidelines (before it is stored). */
export async function planAttempt(
  tx: Db,
  context: CallbackContext,
  attempt: { at: Date; outcome: AttemptOutcome; prior: PriorAttempt[] },
): Promise<AttemptPlan> {
  const guidelines = await loadGuidelines(tx);
  const live = await repo.listLivePromises(tx, context.id);
  const decision = decideAfterAttempt({
    at: attempt.at,
    outcome: attempt.outcome,
    appointment: { start: context.start ?? attempt.at, timeZone: zoneOf(context) },
    prior: attempt.prior,
    retriesSoFar: live.filter((p) => p.kind === 'retry').length,
    guidelines,
  });
  return { decision, guidelines };
}

/**
 * Applies a stored attempt to the promises: the open call promise is kept (on time) or recorded as
 * broken (late), and the next promise is made: a retry, or the reschedule email. Returns what is
 * now promised (for the response and the job note) and, for a retry, when the task is due again
 * (the caller moves the task).
 */
export async function applyAttempt(
  deps: Pick<Deps, 'clock'>,
  tx: Db,
  context: CallbackContext,
  attempt: { id: string; at: Date },
  plan: AttemptPlan,
): Promise<{ next: { kind: string; dueAt: Date | null }; retryTaskDueAt: Date | null }> {
  const { decision, guidelines } = plan;
  const live = await repo.listLivePromises(tx, context.id);
  const open = live.filter((p) => p.kind !== 'reschedule_email' && !p.keptAt && !p.brokenAt).at(-1);
  if (open && decision.keepsOpenPromise && !live.some((p) => p.kind === 'reschedule_email')) {
    if (isOnTime(attempt.at, open.dueAt)) {
      await repo.markPromise(tx, open.id, { keptAt: attempt.at, keptByAttemptId: attempt.id });
    } else {
      await repo.markPromise(tx, open.id, { brokenAt: open.dueAt });
    }
    await cancelTimers(tx, timerKey(context.id, open.id, ''));
  }
  const next = decision.next;
  const isEmailPromised = live.some((p) => p.kind === 'reschedule_email');
  if (next.kind === 'complete' || next.kind === 'none' || isEmailPromised) {
    const kind = isEmailPromised && next.kind !== 'complete' ? 'none' : next.kind;
    return { next: { kind, dueAt: null }, retryTaskDueAt: null };
  }
  await makePromise(deps, tx, context, next.promise, guidelines);
  return {
    next: { kind: next.kind, dueAt: next.promise.dueAt },
    retryTaskDueAt: next.kind === 'retry' ? next.taskDueAt : null,
  };
}
