/**
 * Every live-event type the server publishes, in one list. `publishEvent` accepts only these, and
 * `scripts/generate-api-types.ts` copies the list to the web app, which subscribes to each by name
 * (an EventSource hears a named event only when it listens for that exact name).
 */
export const eventTypes = [
  'appointment.booked',
  'appointment.cancelled',
  'appointment.rescheduled',
  'availability.changed',
  'callback.attempt_logged',
  'callback.clock_paused',
  'callback.due',
  'callback.expired',
  'callback.promise_at_risk',
  'callback.promise_broken',
  'callback.rebooked_after_close',
  'callback.reminder',
  'callback.reschedule_email_sent',
  'callback_permission.decided',
  'callback_permission.requested',
  'catalog.updated',
  'exception.closed',
  'exception.opened',
  'job.note_added',
  'notification.created',
  'notification.read',
  'outage.ended',
  'outage.started',
  'outage.updated',
  'presence.changed',
  'purchasing.answered',
  'promise.broken',
  'site.updated',
  'task.created',
  'task.updated',
  'transfer.abandoned',
  'transfer.answered',
  'transfer.completed',
  'transfer.conferenced',
  'transfer.enqueued',
  'transfer.estimate_changed',
  'transfer.threshold_reached',
  // Only tests publish these.
  'test.ping',
  'test.west',
] as const;

export type EventType = (typeof eventTypes)[number];

/**
 * The event types that may also go out as webhooks (`src/modules/webhooks`), from the same list.
 * `job.note_added`, `exception.*` and `promise.broken` are only sent as webhooks so far; people
 * hear of a broken promise through `callback.promise_broken`.
 */
export const webhookEventTypes = [
  'job.note_added',
  'exception.opened',
  'exception.closed',
  'task.created',
  'task.updated',
  'appointment.booked',
  'appointment.rescheduled',
  'appointment.cancelled',
  'promise.broken',
] as const satisfies readonly EventType[];

export type WebhookEventType = (typeof webhookEventTypes)[number];
