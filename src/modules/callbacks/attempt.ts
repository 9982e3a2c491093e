import { inTransaction } from '../../db/transaction.ts';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../../http/auth.ts';
import { AppError, forbidden, notFound } from '../../lib/errors.ts';
import { describeClockTime } from '../../lib/date-words.ts';
import { listAttempts, outcomeLabels, recordAttempt } from '../attempts/service.ts';
import { addJobNote } from '../jobs/notes.ts';
import { alertCallback, customerTime, zoneOf } from '../promises/alerts.ts';
import { applyAttempt, isCallAllowedNow, planAttempt } from '../promises/after-attempt.ts';
import { readCallbackContext } from '../promises/callback-context.ts';
import type { AttemptOutcome } from '../promises/tables.ts';
import { canSeeTask } from '../tasks/policy.ts';
import { moveTaskBySystem } from '../tasks/system-work.ts';

const nextLabels: Record<string, string> = {
  complete: 'the customer was reached; the task may be completed',
  retry: 'next call promised by',
  reschedule_email: 'no more calls; the reschedule email goes out at',
  none: 'the first-contact promise still stands',
};

/**
 * `POST /api/tasks/{id}/attempts`: a callback call attempt by a member of the task's team, logged
 * now, in one transaction: the attempt (attempts), the open promise kept or broken and the next one
 * made (promises), the task due again for a retry (tasks), the job noted (jobs) and the team told.
 */
export async function logCallAttempt(
  deps: Deps,
  actor: Actor,
  taskId: string,
  input: { outcome: AttemptOutcome; note?: string },
) {
  return inTransaction(deps.db, async (tx) => {
    const context = await readCallbackContext(tx, taskId, { lock: true, actor });
    if (!context || !canSeeTask(actor, context)) throw notFound('task', taskId);
    if (actor.teamId !== context.teamId) throw forbidden("only the task's team may log call attempts");
    if (context.type !== 'callback')
      throw new AppError('unprocessable', 'call attempts are logged on callback tasks only');
    if (context.status === 'completed') {
      throw new AppError('invalid_transition', 'the task is completed; no more attempts can be logged', {
        from: 'completed',
      });
    }
    const at = deps.clock.now();
    const calls = await isCallAllowedNow(tx, context, at);
    if (!calls.isAllowed) {
      throw new AppError(
        'unprocessable',
        `it is ${customerTime(at, context)} for the customer, inside quiet hours (${describeClockTime(calls.quietHours.start)} to ${describeClockTime(calls.quietHours.end)} their time): no calls now`,
        { reason: 'quiet_hours', quietHours: calls.quietHours },
      );
    }
    const prior = await listAttempts(tx, taskId, context.appointmentId);
    const plan = await planAttempt(tx, context, { at, outcome: input.outcome, prior });
    const note = input.note?.trim() || null;
    const id = await recordAttempt(tx, {
      taskId,
      appointmentId: context.appointmentId,
      at,
      byUserId: actor.id,
      outcome: input.outcome,
      note,
      isEarly: plan.decision.isEarly,
      countsTowardLimit: plan.decision.countsTowardLimit,
    });
    const { next, retryTaskDueAt } = await applyAttempt(deps, tx, context, { id, at }, plan);
    if (retryTaskDueAt) {
      await moveTaskBySystem(deps, tx, context.id, { dueAt: retryTaskDueAt, reason: 'retry promised' });
    }
    const nextText = `${nextLabels[next.kind]}${next.dueAt ? ` ${customerTime(next.dueAt, context)}` : ''}`;
    if (context.jobId) {
      await addJobNote(tx, {
        jobId: context.jobId,
        authorId: actor.id,
        kind: 'callback.attempt',
        body: `Call attempt by ${actor.name}: ${outcomeLabels[input.outcome]}${plan.decision.isEarly ? ' (early, before the window)' : ''}.${note ? ` Note: ${note.replace(/[.\s]+$/, '')}.` : ''} Next: ${nextText}.`,
        details: { taskId, attemptId: id, outcome: input.outcome, isEarly: plan.decision.isEarly, next },
      });
    }
    await alertCallback(tx, context, 'callback.attempt_logged', {
      attemptId: id,
      outcome: input.outcome,
      next,
    });
    return {
      id,
      taskId,
      at,
      outcome: input.outcome,
      note,
      isEarly: plan.decision.isEarly,
      countsTowardLimit: plan.decision.countsTowardLimit,
      byUserId: actor.id,
      byName: actor.name,
      customerTimeZone: zoneOf(context),
      next,
    };
  });
}

/** `GET /api/tasks/{id}/attempts`: every attempt on a task the actor may see, oldest first. */
export async function listCallAttempts(deps: Deps, actor: Actor, taskId: string) {
  const context = await readCallbackContext(deps.db, taskId, { actor });
  if (!context || !canSeeTask(actor, context)) throw notFound('task', taskId);
  return { items: await listAttempts(deps.db, taskId) };
}
