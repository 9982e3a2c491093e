import type { Db } from '../../db/client.ts';
import type { Deps } from '../../deps.ts';
import { scheduleTimer } from '../../jobs/timers.ts';
import { rescheduleLinkFor } from '../booking/manage-token.ts';
import { enqueueMail } from '../mail/outbox.ts';
import { completeTaskBySystem, moveTaskBySystem } from '../tasks/system-work.ts';
import { alertCallback, customerTime, noteCallback, sendPromiseBroken, zoneOf } from './alerts.ts';
import type { CallbackGuidelines } from './guidelines.ts';
import { isQuiet, nextAllowedTime } from './quiet-hours.ts';
import * as repo from './repo.ts';
import { callbackTimerKinds, timerKey } from './schedule.ts';

/** An email sent this long after its due time still counts as the promise kept. */
const emailGraceMs = 5 * 60_000;

/**
 * Emails the customer a link to pick a new time, in the timer's transaction: the mail goes through
 * the outbox, the promise is kept (or late), the task waits, and the waiting expiry is scheduled.
 * Never inside the customer's quiet hours: then the send waits for their end and says so.
 */
export async function sendRescheduleEmail(
  deps: Pick<Deps, 'clock' | 'config'>,
  tx: Db,
  context: repo.CallbackContext,
  promise: repo.PromiseRow,
  guidelines: CallbackGuidelines,
) {
  const now = deps.clock.now();
  const zone = zoneOf(context);
  const payload = { taskId: context.id, promiseId: promise.id };
  if (isQuiet(now, zone, guidelines.quietHours)) {
    const until = nextAllowedTime(now, zone, guidelines.quietHours);
    await scheduleTimer(tx, {
      kind: callbackTimerKinds.rescheduleEmail,
      dueAt: until,
      payload,
      dedupeKey: timerKey(context.id, promise.id, `email:${until.toISOString()}`),
    });
    await noteCallback(
      tx,
      context,
      'callback.clock_paused',
      `The reschedule email waits for the end of the customer's quiet hours: it goes out at ${customerTime(until, context)}.`,
      { kind: 'reschedule_email', pausedFrom: now, pausedUntil: until },
    );
    return;
  }
  if (!context.customerEmail || !context.appointmentId) {
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
    return;
  }
  const link = rescheduleLinkFor(deps.config, { id: context.appointmentId, endsAt: context.end! });
  const messageId = await enqueueMail(
    tx,
    {
      to: context.customerEmail,
      subject: 'We tried to call you — please pick a new time',
      text: [
        `Hello ${context.customerName},`,
        '',
        `We called you for your scheduled callback (${customerTime(context.start!, context)}) but could not reach you.`,
        'Please choose a new time that suits you, or cancel the callback, here:',
        link,
        '',
        'Escalation Desk',
      ].join('\n'),
      purpose: 'reschedule_request',
      relatedId: context.appointmentId,
    },
    now,
  );
  const isLate = now.getTime() - promise.dueAt.getTime() > emailGraceMs;
  await repo.markPromise(tx, promise.id, isLate ? { brokenAt: now } : { keptAt: now });
  await moveTaskBySystem(deps, tx, context.id, { status: 'waiting', reason: 'reschedule email sent' });
  const expiresAt = new Date(now.getTime() + guidelines.waitingExpiryHours * 3_600_000);
  await scheduleTimer(tx, {
    kind: callbackTimerKinds.waitingExpiry,
    dueAt: expiresAt,
    payload,
    dedupeKey: timerKey(context.id, promise.id, 'expiry'),
  });
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

/** The waiting time ran out with no rebooking: the task closes as "Customer unreachable". */
export async function closeUnreachable(deps: Pick<Deps, 'clock'>, tx: Db, context: repo.CallbackContext) {
  const closed = await completeTaskBySystem(deps, tx, context.id, {
    resolutionCode: 'customer_unreachable',
    note: 'The customer did not rebook after the reschedule email.',
  });
  if (closed) {
    await alertCallback(
      tx,
      context,
      'callback.expired',
      { message: `Callback with ${context.customerName} closed: customer unreachable.` },
      { now: deps.clock.now() },
    );
  }
}
