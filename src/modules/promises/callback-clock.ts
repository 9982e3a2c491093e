import type { CallbackGuidelines } from '../guidelines/service.ts';
import { addAllowedMinutes, nextAllowedTime, type Pause } from '../guidelines/quiet-hours.ts';
import type { AttemptOutcome, PromiseKind } from './tables.ts';

// The callback clock as pure functions: given an appointment, the guidelines, the attempts so far
// and now, what is promised, when it is due, and when reminders and alerts go out. The service
// stores the answers and schedules timers; nothing here touches the database or the real time.

export type ClockAppointment = { start: Date; timeZone: string };
export type PlannedPromise = { kind: PromiseKind; sequence: number; dueAt: Date; pause: Pause | null };

export type AppointmentPlan = {
  /** When the assignee is reminded to review the task; null when the window has already begun. */
  reminderAt: Date | null;
  /** When the task falls due: the window's start, or the end of quiet hours it falls in. */
  taskDueAt: Date;
  firstContact: PlannedPromise;
};

/** The clock for a freshly booked (or rebooked) appointment. */
export function planAppointment(
  appointment: ClockAppointment,
  guidelines: CallbackGuidelines,
  now: Date,
): AppointmentPlan {
  const { timeZone } = appointment;
  const taskDueAt = nextAllowedTime(appointment.start, timeZone, guidelines.quietHours);
  const { dueAt, pause } = addAllowedMinutes(
    appointment.start,
    guidelines.firstContactMinutes,
    timeZone,
    guidelines.quietHours,
  );
  const idealReminder = new Date(taskDueAt.getTime() - guidelines.reminderLeadMinutes * 60_000);
  const reminderAt = idealReminder > now ? idealReminder : now < taskDueAt ? now : null;
  return { reminderAt, taskDueAt, firstContact: { kind: 'first_contact', sequence: 1, dueAt, pause } };
}

/** When a call promise is alerted as at risk (never before it was made) and when it breaks. */
export function planPromiseAlerts(
  promise: { dueAt: Date; madeAt: Date },
  guidelines: CallbackGuidelines,
): { atRiskAt: Date; brokenAt: Date } {
  const ideal = promise.dueAt.getTime() - guidelines.atRiskLeadMinutes * 60_000;
  return {
    atRiskAt: new Date(Math.max(ideal, promise.madeAt.getTime())),
    brokenAt: promise.dueAt,
  };
}

export type PriorAttempt = {
  at: Date;
  outcome: AttemptOutcome;
  countsTowardLimit: boolean;
  isEarly: boolean;
};

export type NextStep =
  /** The customer was reached: the task may be completed. */
  | { kind: 'complete' }
  /** Another call is promised. */
  | { kind: 'retry'; taskDueAt: Date; promise: PlannedPromise }
  /** No more calls: the system emails the customer a reschedule link at `promise.dueAt`. */
  | { kind: 'reschedule_email'; promise: PlannedPromise }
  /** An early attempt (before the window), other than connected or a wrong number: the window's promises still stand. */
  | { kind: 'none' };

export type AttemptDecision = {
  isEarly: boolean;
  /** Whether this attempt is one of the failures the guidelines allow. */
  countsTowardLimit: boolean;
  /** Whether the attempt keeps the promise open at its time (if it is made by the due time). */
  keepsOpenPromise: boolean;
  next: NextStep;
};

/**
 * What a call attempt means for the promises. `prior` are the task's earlier attempts for the same
 * appointment; `retriesSoFar` the retry promises already made (the next one gets the next number).
 */
export function decideAfterAttempt(input: {
  at: Date;
  outcome: AttemptOutcome;
  appointment: ClockAppointment;
  prior: PriorAttempt[];
  retriesSoFar: number;
  guidelines: CallbackGuidelines;
}): AttemptDecision {
  const { at, outcome, appointment, guidelines } = input;
  const { timeZone } = appointment;
  const quiet = guidelines.quietHours;
  const isEarly = at < appointment.start;
  // An attempt before the window opens belongs to no promise of that window: whatever its outcome,
  // it keeps nothing (a Tuesday call must not keep Thursday's first contact).
  const keepsOpenPromise = !isEarly;
  const retry = (minutes: number, taskDueAt: Date | null): NextStep => {
    const { dueAt, pause } = addAllowedMinutes(at, minutes, timeZone, quiet);
    const promise = { kind: 'retry' as const, sequence: input.retriesSoFar + 1, dueAt, pause };
    return { kind: 'retry', taskDueAt: taskDueAt ?? dueAt, promise };
  };
  const email = (): NextStep => {
    const sendAt = nextAllowedTime(at, timeZone, quiet);
    const pause = sendAt > at ? { from: at, until: sendAt } : null;
    return {
      kind: 'reschedule_email',
      promise: { kind: 'reschedule_email', sequence: 1, dueAt: sendAt, pause },
    };
  };

  if (outcome === 'connected') {
    return { isEarly, countsTowardLimit: false, keepsOpenPromise, next: { kind: 'complete' } };
  }
  if (outcome === 'wrong_number' && guidelines.wrongNumberHandling === 'reschedule_email') {
    return { isEarly, countsTowardLimit: true, keepsOpenPromise, next: email() };
  }
  // Early: recorded as early; the window's promises (first contact, retries) stand untouched.
  if (isEarly) return { isEarly, countsTowardLimit: false, keepsOpenPromise, next: { kind: 'none' } };
  if (outcome === 'dropped' && guidelines.droppedCallHandling === 'immediate_retry') {
    const next = retry(guidelines.droppedRetryMinutes, nextAllowedTime(at, timeZone, quiet));
    return { isEarly, countsTowardLimit: false, keepsOpenPromise, next };
  }

  const counted = input.prior.filter((a) => a.countsTowardLimit && !a.isEarly);
  const last = counted.at(-1);
  const countsTowardLimit =
    !last || at.getTime() - last.at.getTime() >= guidelines.minimumGapMinutes * 60_000;
  const failures = counted.length + (countsTowardLimit ? 1 : 0);
  const next = failures >= guidelines.attemptsAllowed ? email() : retry(guidelines.retryWindowMinutes, null);
  return { isEarly, countsTowardLimit, keepsOpenPromise, next };
}

/** Whether an attempt at `at` keeps a promise due at `dueAt` (made on time) or comes too late. */
export function isOnTime(at: Date, dueAt: Date): boolean {
  return at.getTime() <= dueAt.getTime();
}
