import { listQuietPeriods, overlapsQuietHours, type QuietHours } from '../guidelines/quiet-hours.ts';
import { describeClockTime, describeZoneAt } from '../../lib/date-words.ts';
import type { Window } from './availability.ts';

/** The customer's day: windows touching their quiet hours (in their zone) are not offered. */
export type CustomerDay = { timeZone: string; quietHours: QuietHours };

/** Whether a window falls, even partly, inside the customer's quiet hours. */
export function isInCustomerQuietHours(
  window: Pick<Window, 'startMs' | 'endMs'>,
  customer: CustomerDay,
): boolean {
  return overlapsQuietHours(window.startMs, window.endMs, customer.timeZone, customer.quietHours);
}

/**
 * Why a window in the customer's quiet hours is refused, in words the agent can read out: the
 * hours and the customer's zone as people name it ("9:00 PM to 8:00 AM Pacific Time").
 */
export function describeQuietHoursRefusal(window: Pick<Window, 'startMs'>, customer: CustomerDay): string {
  const { start, end } = customer.quietHours;
  const zone = describeZoneAt(new Date(window.startMs), customer.timeZone);
  return `that window falls inside the customer's quiet hours (${describeClockTime(start)} to ${describeClockTime(end)} ${zone}): no callbacks then`;
}

/** The windows (in start order) that do not touch the customer's quiet periods: one sweep over both. */
export function withoutQuietHours(windows: Window[], customer: CustomerDay): Window[] {
  if (windows.length === 0) return windows;
  const periods = listQuietPeriods(
    windows[0]!.startMs,
    windows.at(-1)!.endMs,
    customer.timeZone,
    customer.quietHours,
  );
  let p = 0;
  return windows.filter((window) => {
    while (p < periods.length && periods[p]![1] <= window.startMs) p++;
    // Periods are disjoint and ordered, so only the first one not yet over can touch this window.
    return !(p < periods.length && periods[p]![0] < window.endMs);
  });
}
