import type { Db } from '../../db/client.ts';
import { type NewEvent, publishEvents } from '../events/publish.ts';
import { addJobNote } from '../jobs/notes.ts';
import { keepAlert } from '../notifications/service.ts';
import { enqueueWebhookEvent } from '../webhooks/outbox.ts';
import { describeLocalTime } from '../guidelines/quiet-hours.ts';
import type { CallbackContext } from './callback-context.ts';
import { findSupervisorIds } from './repo.ts';

export type CallbackEventType =
  | 'callback.reminder'
  | 'callback.due'
  | 'callback.promise_at_risk'
  | 'callback.promise_broken'
  | 'callback.clock_paused'
  | 'callback.reschedule_email_sent'
  | 'callback.attempt_logged'
  | 'callback.expired'
  | 'callback.rebooked_after_close';

/** The customer's zone for a task: the one given at booking, else the customer's record. */
export function zoneOf(context: CallbackContext): string {
  return context.appointmentTimeZone ?? context.customerTimeZone ?? 'UTC';
}

/**
 * Alerts kept in the notification centre until read, with their title there. The others (reminders,
 * due, attempts, pauses) matter only in the moment and stay live events.
 */
const keptAlertTitles: Partial<Record<CallbackEventType, string>> = {
  'callback.promise_at_risk': 'Promise at risk',
  'callback.promise_broken': 'Promise broken',
  'callback.reschedule_email_sent': 'Reschedule email sent',
  'callback.expired': 'Closed as unreachable',
};

/**
 * Tells the people a callback concerns, live. The assignee always (or the whole team while the task
 * is in the team queue); with `supervisors`, also the desk supervisors of the appointment's site
 * (or the admins if the site has none): promises at risk and broken go up, reminders do not.
 * Alerts that must not be missed are also kept for each of them (`keptAlertTitles`), as of `now`
 * (the clock's; the database's time when not given).
 */
export async function alertCallback(
  tx: Db,
  context: CallbackContext,
  type: CallbackEventType,
  data: Record<string, unknown>,
  options: { supervisors?: boolean; now?: Date } = {},
) {
  const supervisors = options.supervisors ? await findSupervisorIds(tx, context.siteId) : [];
  await publishEvents(tx, callbackEvents(context, type, data, supervisors));
  const title = keptAlertTitles[type];
  if (!title) return;
  await keepAlert(
    tx,
    {
      userIds: [context.assigneeId, ...supervisors].filter((id): id is string => !!id),
      teamId: context.assigneeId ? null : context.teamId,
    },
    {
      kind: type,
      taskId: context.id,
      title,
      body: typeof data.message === 'string' ? data.message : `${context.customerName} — ${context.title}`,
      at: options.now ?? null,
    },
  );
}

/** The events of one callback alert (pure: batch handlers collect them and publish once). */
export function callbackEvents(
  context: CallbackContext,
  type: CallbackEventType,
  data: Record<string, unknown>,
  supervisorIds: string[] = [],
): NewEvent[] {
  const userIds = [...new Set([context.assigneeId, ...supervisorIds].filter((id): id is string => !!id))];
  const base = { taskId: context.id, taskTitle: context.title, customerName: context.customerName, ...data };
  const events: NewEvent[] = [];
  if (userIds.length) events.push({ type, userIds, data: base });
  if (!context.assigneeId) events.push({ type, teamId: context.teamId, data: base });
  return events;
}

/** A note on the job's timeline written by the system (no author). */
export async function noteCallback(
  tx: Db,
  context: CallbackContext,
  kind: string,
  body: string,
  details: Record<string, unknown> = {},
) {
  if (!context.jobId) return;
  await addJobNote(tx, {
    jobId: context.jobId,
    authorId: null,
    kind,
    body,
    details: { taskId: context.id, ...details },
  });
}

/** "Thursday 26 November, 10:05 AM Eastern Time" — how times read in notes and mail, in the customer's zone. */
export function customerTime(at: Date, context: CallbackContext): string {
  return describeLocalTime(at, zoneOf(context));
}

/**
 * The `promise.broken` webhook. Its record is the task: a promise is part of its callback task, so
 * a receiver hears of the broken promise in order with the task's own changes.
 */
export async function sendPromiseBroken(
  tx: Db,
  context: CallbackContext,
  promise: { id: string; kind: string; dueAt: Date | string | null },
  at: Date,
) {
  await enqueueWebhookEvent(tx, {
    type: 'promise.broken',
    record: { kind: 'task', id: context.id },
    at,
    data: {
      promiseId: promise.id,
      kind: promise.kind,
      dueAt: promise.dueAt ? new Date(promise.dueAt).toISOString() : null,
      brokenAt: at.toISOString(),
      taskId: context.id,
      appointmentId: context.appointmentId,
    },
  });
}
