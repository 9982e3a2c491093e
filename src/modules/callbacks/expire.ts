import type { Db } from '../../db/client.ts';
import type { Deps } from '../../deps.ts';
import type { TimerHandler } from '../../jobs/runner.ts';
import { rescheduleLinkFor } from '../booking/manage-token.ts';
import { enqueueMail } from '../mail/outbox.ts';
import { alertCallback, customerTime } from '../promises/alerts.ts';
import type { CallbackContext, PromiseRow } from '../promises/callback-context.ts';
import { loadGuidelines } from '../guidelines/service.ts';
import {
  announceRescheduleEmailSent,
  breakRescheduleEmailPromise,
  holdRescheduleEmailForQuietHours,
  keepRescheduleEmailPromise,
} from '../promises/reschedule-email.ts';
import { isOpen, loadLive } from '../promises/timer-handlers.ts';
import { moveTaskBySystem } from '../tasks/system-work.ts';
import { completeTaskBySystem } from './complete.ts';

// How a callback ends when the customer cannot be reached: after the last allowed attempt the
// system emails a link to pick a new time and the task waits; if nobody rebooks, it expires.

/** Timer `callback.reschedule_email`: the last allowed attempt failed; the email goes out on time. */
export const sendRescheduleEmailOnTime: TimerHandler = async (deps: Deps, tx, timer) => {
  const live = await loadLive(tx, timer);
  if (!live || !isOpen(live.promise)) return;
  await sendRescheduleEmail(deps, tx, live.context, live.promise);
};

/** Timer `callback.waiting_expiry`: nobody rebooked while the task waited. */
export const expireWaitingTask: TimerHandler = async (deps, tx, timer) => {
  const live = await loadLive(tx, timer);
  if (live?.context.status !== 'waiting') return;
  await expireCallback(deps, tx, live.context);
};

/**
 * Emails the customer a link to pick a new time, in the timer's transaction: the mail through the
 * outbox (mail), the promise kept or late and the waiting expiry scheduled (promises), the task
 * waiting (tasks), the job and the assignee told. Never inside the customer's quiet hours: then
 * the send waits for their end and says so.
 */
export async function sendRescheduleEmail(
  deps: Pick<Deps, 'clock' | 'config'>,
  tx: Db,
  context: CallbackContext,
  promise: PromiseRow,
) {
  const guidelines = await loadGuidelines(tx);
  if (await holdRescheduleEmailForQuietHours(deps, tx, context, promise, guidelines)) return;
  if (!context.customerEmail || !context.appointmentId) {
    await breakRescheduleEmailPromise(deps, tx, context, promise);
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
    deps.clock.now(),
  );
  const expiresAt = await keepRescheduleEmailPromise(deps, tx, context, promise, guidelines);
  await moveTaskBySystem(deps, tx, context.id, { status: 'waiting', reason: 'reschedule email sent' });
  await announceRescheduleEmailSent(tx, context, { messageId, expiresAt, now: deps.clock.now() });
}

/**
 * The waiting time ran out with no rebooking: the task completes as "Customer unreachable" (its
 * exception closes and its clock stops) and the assignee is told.
 */
export async function expireCallback(deps: Pick<Deps, 'clock'>, tx: Db, context: CallbackContext) {
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
