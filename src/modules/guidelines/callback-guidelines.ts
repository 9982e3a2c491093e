import type { QuietHours } from './quiet-hours.ts';

/**
 * Callback guidelines (admin settings): how the callback clock runs. Stored as one `settings` row;
 * fields missing there take the defaults, so adding a field never needs a data migration.
 */
export type CallbackGuidelines = {
  /** Failed attempts before the system sends the reschedule email. */
  attemptsAllowed: number;
  /** A failed attempt sooner than this after the previous one does not count toward the limit. */
  minimumGapMinutes: number;
  /** The first call is promised within this many minutes of the window's start. */
  firstContactMinutes: number;
  /** After a missed attempt, the next is promised within this many minutes. */
  retryWindowMinutes: number;
  /** The assignee's review reminder goes out this long before the window. */
  reminderLeadMinutes: number;
  /** The at-risk alert goes out this long before a promise falls due. */
  atRiskLeadMinutes: number;
  /** No calls or emails in these hours of the customer's local time; promise clocks pause. */
  quietHours: QuietHours;
  /** After the reschedule email, the task waits this long for the customer to rebook. */
  waitingExpiryHours: number;
  /** `immediate_retry`: a dropped call makes a retry due at once and does not count as a failure. */
  droppedCallHandling: 'immediate_retry' | 'count_as_failed';
  /** The retry promised after a dropped call is due within this many minutes. */
  droppedRetryMinutes: number;
  /** `reschedule_email`: a wrong number sends the reschedule email at once. */
  wrongNumberHandling: 'reschedule_email' | 'count_as_failed';
};

export const defaultGuidelines: CallbackGuidelines = {
  attemptsAllowed: 2,
  minimumGapMinutes: 5,
  firstContactMinutes: 5,
  retryWindowMinutes: 15,
  reminderLeadMinutes: 15,
  atRiskLeadMinutes: 2,
  quietHours: { start: '21:00', end: '08:00' },
  waitingExpiryHours: 48,
  droppedCallHandling: 'immediate_retry',
  droppedRetryMinutes: 5,
  wrongNumberHandling: 'reschedule_email',
};

/** The guidelines in force, from the stored value (`null` or missing fields: the defaults). */
export function guidelinesFrom(value: unknown): CallbackGuidelines {
  const stored = (value ?? {}) as Partial<CallbackGuidelines>;
  return {
    ...defaultGuidelines,
    ...stored,
    quietHours: { ...defaultGuidelines.quietHours, ...(stored.quietHours ?? {}) },
  };
}
