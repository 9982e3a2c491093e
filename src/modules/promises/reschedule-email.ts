import type { Db } from '../../db/client.ts';
import type { Deps } from '../../deps.ts';
import { scheduleTimer } from '../../jobs/timers.ts';
import { alertCallback, customerTime, noteCallback, sendPromiseBroken, zoneOf } from './alerts.ts';
import type { CallbackGuidelines } from '../guidelines/service.ts';
import { isQuiet, nextAllowedTime } from '../guidelines/quiet-hours.ts';
import type { CallbackContext } from './callback-context.ts';
import * as repo from './repo.ts';
import { callbackTimerKinds, timerKey } from './schedule.ts';

// The promise side of the reschedule email (kept, late or broken; the waiting expiry). Sending it
// (the link, the mail, the task waiting) is the callbacks use case `callbacks/expire.ts`.

/** An email sent this long after its due time still counts as the promise kept. */
const emailGraceMs = 5 * 60_000;

/**
 * Inside the customer's quiet hours the email waits for their end: the send is scheduled again
 * and the job says so. Returns whether it waits.
 */
export async function holdRescheduleEmailForQuietHours(
  deps: Pick<Deps, 'clock'>,
  tx: Db,
  context: CallbackContext,
  promise: repo.PromiseRow,
  guidelines: CallbackGuidelines,
): Promise<boolean> {
  const now = deps.clock.now();
  const zone = zoneOf(context);
  if (!isQuiet(now, zone, guidelines.quietHours)) return false;
  const until = nextAllowedTime(now, zone, guidelines.quietHours);
  await scheduleTimer(tx, {
    kind: callbackTimerKinds.rescheduleEmail,
    dueAt: until,
    payload: { taskId: context.id, promiseId: promise.id },
    dedupeKey: timerKey(context.id, promise.id, `email:${until.toISOString()}`),
  });
  await noteCallback(
    tx,
    context,
    'callback.clock_paused',
    `The reschedule email waits for the end of the customer's quiet hours: it goes out at ${customerTime(until, context)}.`,
    { kind: 'reschedule_email', pausedFrom: now, pausedUntil: until },
  );
  return true;
}

/** The email cannot go (no address on file): the promise is broken, the job and supervisors told. */
export async function breakRescheduleEmailPromise(
  deps: Pick<Deps, 'clock'>,
  tx: Db,
  context: CallbackContext,
  promise: repo.PromiseRow,
) {
  const now = deps.clock.now();
  await repo.markPromise(tx, promise.id, { brokenAt: now });
  await sendPromiseBroken(tx, context, promise, now);
  const body = `The reschedule email could not be sent: ${context.customerName} has no email address on file.`;
  await noteCallback(tx, context, 'callback.reschedule_email_failed', body, { promiseId: promise.id });
  await alertCallback(
    tx,
    context,
    'callback.promise_broken',
    { kind: promise.kind, message: body },
    { supervisors: true, now },
  );
}

/**
 * The email went out (its message is in the outbox): the promise is kept (or late) and the
 * waiting expiry is scheduled. Returns when the wait for the customer to rebook ends.
 */
export async function keepRescheduleEmailPromise(
  deps: Pick<Deps, 'clock'>,
  tx: Db,
  context: CallbackContext,
  promise: repo.PromiseRow,
  guidelines: CallbackGuidelines,
): Promise<Date> {
  const now = deps.clock.now();
  const isLate = now.getTime() - promise.dueAt.getTime() > emailGraceMs;
  await repo.markPromise(tx, promise.id, isLate ? { brokenAt: now } : { keptAt: now });
  const expiresAt = new Date(now.getTime() + guidelines.waitingExpiryHours * 3_600_000);
  await scheduleTimer(tx, {
    kind: callbackTimerKinds.waitingExpiry,
    dueAt: expiresAt,
    payload: { taskId: context.id, promiseId: promise.id },
    dedupeKey: timerKey(context.id, promise.id, 'expiry'),
  });
  return expiresAt;
}

/** Tells the job and the assignee that the email went out and how long the task waits. */
export async function announceRescheduleEmailSent(
  tx: Db,
  context: CallbackContext,
  sent: { messageId: string; expiresAt: Date; now: Date },
) {
  const { messageId, expiresAt, now } = sent;
  const body = `Reschedule email sent to ${context.customerEmail} after the last allowed call attempt; the task waits until ${customerTime(expiresAt, context)} for the customer to rebook.`;
  await noteCallback(tx, context, 'callback.reschedule_email_sent', body, { messageId, expiresAt });
  await alertCallback(
    tx,
    context,
    'callback.reschedule_email_sent',
    { messageId, expiresAt, message: body },
    { now },
  );
}
