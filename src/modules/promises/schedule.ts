import type { Db } from '../../db/client.ts';
import type { Deps } from '../../deps.ts';
import { cancelTimers, type NewTimer, scheduleTimers } from '../../jobs/timers.ts';
import { describeZoneAt } from '../../lib/date-words.ts';
import { moveTaskBySystem } from '../tasks/system-work.ts';
import { taskTimerPrefix } from '../tasks/work-task.ts';
import { alertCallback, customerTime, noteCallback, zoneOf } from './alerts.ts';
import {
  type AppointmentPlan,
  type PlannedPromise,
  planAppointment,
  planPromiseAlerts,
} from './callback-clock.ts';
import { type CallbackGuidelines, loadGuidelines } from '../guidelines/service.ts';
import { type CallbackContext, readAppointment, readCallbackContext } from './callback-context.ts';
import * as repo from './repo.ts';

/** Every callback-clock timer of a task; under the task's prefix, so completing the task cancels them. */
export const callbackTimerPrefix = (taskId: string) => `${taskTimerPrefix(taskId)}cb:`;
export const timerKey = (taskId: string, promiseId: string, what: string) =>
  `${callbackTimerPrefix(taskId)}${promiseId}:${what}`;

export const callbackTimerKinds = {
  reviewReminder: 'callback.review_reminder',
  firstContactDue: 'callback.first_contact_due',
  promiseAtRisk: 'callback.promise_at_risk',
  promiseBroken: 'callback.promise_broken',
  rescheduleEmail: 'callback.reschedule_email',
  waitingExpiry: 'callback.waiting_expiry',
} as const;

/**
 * Restarts the callback clock after the customer rebooks (same task, new or moved appointment),
 * inside the rebooking's transaction: the old appointment's promises are superseded and their
 * timers cancelled, the task is due again (a waiting task is back in the queue) and a new clock
 * starts. A task booked for the first time starts its clock with `startCallbackClock`.
 */
export async function scheduleCallbackClock(
  deps: Pick<Deps, 'clock'>,
  tx: Db,
  input: { taskId: string; appointment: { id: string } },
): Promise<void> {
  const now = deps.clock.now();
  const appointment = await readAppointment(tx, input.appointment.id);
  if (!appointment) throw new Error(`appointment ${input.appointment.id} not found`);
  const guidelines = await loadGuidelines(tx);
  const plan = planAppointment({ start: appointment.start, timeZone: appointment.timeZone }, guidelines, now);

  const isRebook = (await repo.supersedeLivePromises(tx, input.taskId, now)) > 0;
  if (isRebook) await cancelTimers(tx, callbackTimerPrefix(input.taskId));
  const task = await moveTaskBySystem(deps, tx, input.taskId, {
    ...(isRebook ? { status: 'not_started' as const } : {}),
    dueAt: plan.taskDueAt,
    appointmentId: appointment.id,
    reason: 'the customer rebooked',
  });
  if (!task) {
    await reportRebookOfClosedTask(tx, input.taskId, appointment.start);
    return;
  }
  const context = (await readCallbackContext(tx, input.taskId))!;
  await startCallbackClock(deps, tx, context, plan, guidelines);
  if (isRebook) {
    await noteCallback(
      tx,
      context,
      'callback.rebooked',
      `The customer rebooked for ${customerTime(appointment.start, context)}; the callback clock starts again.`,
      { appointmentId: appointment.id },
    );
  }
}

/**
 * Starts the callback clock of a task already due at `plan.taskDueAt`, inside the caller's
 * transaction: the first-contact promise with its at-risk and broken alerts, the review reminder
 * and the due alert, all scheduled in one statement.
 */
export async function startCallbackClock(
  deps: Pick<Deps, 'clock'>,
  tx: Db,
  context: CallbackContext,
  plan: AppointmentPlan,
  guidelines: CallbackGuidelines,
): Promise<void> {
  const { id: promiseId, timers } = await recordPromise(deps, tx, context, plan.firstContact, guidelines);
  const payload = { taskId: context.id, promiseId };
  if (plan.reminderAt) {
    timers.push({
      kind: callbackTimerKinds.reviewReminder,
      dueAt: plan.reminderAt,
      payload,
      dedupeKey: timerKey(context.id, promiseId, 'reminder'),
    });
  }
  timers.push({
    kind: callbackTimerKinds.firstContactDue,
    dueAt: plan.taskDueAt,
    payload,
    dedupeKey: timerKey(context.id, promiseId, 'due'),
  });
  // The promise's guards and the clock's own timers in one statement.
  await scheduleTimers(tx, timers);
}

/**
 * The customer booked a new time after the callback was closed (e.g. as unreachable): nothing is
 * promised on a closed task, so the people responsible are told to open a new callback.
 */
async function reportRebookOfClosedTask(tx: Db, taskId: string, start: Date) {
  const context = await readCallbackContext(tx, taskId);
  if (!context) return;
  const body = `The customer booked a new time (${customerTime(start, context)}) after this callback was closed; no call is promised until a new callback task is opened.`;
  await noteCallback(tx, context, 'callback.rebooked_after_close', body, { start });
  await alertCallback(
    tx,
    context,
    'callback.rebooked_after_close',
    { start, message: body },
    { supervisors: true },
  );
}

/**
 * Records a promise and schedules what guards it: at-risk and broken alerts for calls, the send
 * itself for the reschedule email. A clock paused for quiet hours says so on the job and live.
 */
export async function makePromise(
  deps: Pick<Deps, 'clock'>,
  tx: Db,
  context: CallbackContext,
  promise: PlannedPromise,
  guidelines: CallbackGuidelines,
): Promise<string> {
  const { id, timers } = await recordPromise(deps, tx, context, promise, guidelines);
  await scheduleTimers(tx, timers);
  return id;
}

/** `makePromise` without scheduling: the promise's timers are returned for the caller to schedule. */
async function recordPromise(
  deps: Pick<Deps, 'clock'>,
  tx: Db,
  context: CallbackContext,
  promise: PlannedPromise,
  guidelines: CallbackGuidelines,
): Promise<{ id: string; timers: NewTimer[] }> {
  const now = deps.clock.now();
  const id = await repo.insertPromise(tx, {
    taskId: context.id,
    appointmentId: context.appointmentId,
    kind: promise.kind,
    sequence: promise.sequence,
    dueAt: promise.dueAt,
    pause: promise.pause,
    now,
  });
  const payload = { taskId: context.id, promiseId: id };
  const timers: NewTimer[] = [];
  if (promise.kind === 'reschedule_email') {
    timers.push({
      kind: callbackTimerKinds.rescheduleEmail,
      dueAt: promise.dueAt,
      payload,
      dedupeKey: timerKey(context.id, id, 'email'),
    });
  } else {
    const alerts = planPromiseAlerts({ dueAt: promise.dueAt, madeAt: now }, guidelines);
    timers.push(
      {
        kind: callbackTimerKinds.promiseAtRisk,
        dueAt: alerts.atRiskAt,
        payload,
        dedupeKey: timerKey(context.id, id, 'at_risk'),
      },
      {
        kind: callbackTimerKinds.promiseBroken,
        dueAt: alerts.brokenAt,
        payload,
        dedupeKey: timerKey(context.id, id, 'broken'),
      },
    );
  }
  if (promise.pause) await announcePause(tx, context, promise, guidelines);
  return { id, timers };
}

async function announcePause(
  tx: Db,
  context: CallbackContext,
  promise: PlannedPromise,
  guidelines: CallbackGuidelines,
) {
  const pause = promise.pause!;
  const { start, end } = guidelines.quietHours;
  const what =
    promise.kind === 'reschedule_email'
      ? 'The reschedule email'
      : `The ${promise.kind.replace('_', ' ')} promise`;
  await noteCallback(
    tx,
    context,
    'callback.clock_paused',
    `${what} clock is paused for the customer's quiet hours (${start}–${end}, ${describeZoneAt(pause.from, zoneOf(context))}) from ${customerTime(pause.from, context)} until ${customerTime(pause.until, context)}; now due ${customerTime(promise.dueAt, context)}.`,
    { kind: promise.kind, pausedFrom: pause.from, pausedUntil: pause.until, dueAt: promise.dueAt },
  );
  await alertCallback(tx, context, 'callback.clock_paused', {
    kind: promise.kind,
    pausedFrom: pause.from,
    pausedUntil: pause.until,
    dueAt: promise.dueAt,
  });
}

/** The promises shown on a callback task (`GET /api/tasks/{id}`), oldest first. */
export async function listTaskPromises(db: Db, taskId: string) {
  const rows = await repo.listLivePromises(db, taskId);
  return rows.map((row) => ({
    kind: row.kind,
    sequence: row.sequence,
    dueAt: row.dueAt,
    keptAt: row.keptAt,
    brokenAt: row.brokenAt,
    atRiskAt: row.atRiskAt,
    pausedFrom: row.pausedFrom,
    pausedUntil: row.pausedUntil,
    pauseReason: row.pauseReason,
  }));
}
