import { Temporal } from 'temporal-polyfill';
import type { Db } from '../../db/client.ts';
import { AppError } from '../../lib/errors.ts';
import type { QuietHours } from '../guidelines/quiet-hours.ts';
import { bookableRange, findAlternatives, listWindows, type Window } from './availability.ts';
import type { DeskStaffing } from '../schedules/service.ts';
import { describeQuietHoursRefusal, isInCustomerQuietHours } from './customer-day.ts';
import { deskRulesFrom, loadDeskRules, type Site } from './desk-rules.ts';
import * as repo from './repo.ts';

const dayMs = 86_400_000;

export function parseInstant(value: string, what = 'start'): number {
  try {
    return Temporal.Instant.from(value).epochMilliseconds;
  } catch {
    throw new AppError('validation_failed', `${what}: "${value}" is not an ISO-8601 time with an offset`);
  }
}

/**
 * Takes one place in the site's window starting at `start`, inside the caller's transaction. The
 * window must exist in the desk's schedule and be bookable now; a full window answers 409
 * `window_full` with the nearest open windows before and after (in `tz`), at the call. With
 * `quietHours`, a window that falls even partly inside the customer's quiet hours (in `tz`) is
 * refused with 422 `reason: "quiet_hours"` and the nearest windows outside them.
 */
export async function takePlace(
  tx: Db,
  site: Site,
  start: string,
  now: Date,
  tz: string,
  /** The staffing around `start` (`staffingDates(start, start)`) when the caller has read it. */
  staffing?: DeskStaffing,
  /** The callback guidelines' quiet hours, customer time. */
  quietHours?: QuietHours,
): Promise<Window> {
  const startMs = parseInstant(start);
  const from = startMs - 14 * dayMs;
  const to = startMs + 14 * dayMs;
  // The happy path needs only the window's capacity; what is booked matters for the alternatives,
  // which look two weeks either side.
  const rules = staffing
    ? deskRulesFrom(site, staffing, [])
    : await loadDeskRules(tx, site, from, to, { withBooked: false });
  const alternatives = async (fullStartMs?: number) => {
    const wide = await loadDeskRules(tx, site, from, to);
    const booked = new Map(wide.booked);
    if (fullStartMs !== undefined) booked.set(fullStartMs, Number.MAX_SAFE_INTEGER);
    return { alternatives: findAlternatives({ ...wide, booked }, now, startMs, tz, quietHours) };
  };
  const window = listWindows(rules, startMs, startMs + 1)[0];
  if (!window || window.startMs !== startMs) {
    throw new AppError(
      'validation_failed',
      `${start} is not the start of a window the desk staffs; pick one from the availability list`,
      await alternatives(),
    );
  }
  const range = bookableRange(rules, now);
  if (startMs < range.fromMs || startMs >= range.toMs) {
    const why =
      startMs < range.fromMs
        ? `it starts in less than the desk's ${rules.minNoticeMinutes} minutes of notice`
        : `it is more than ${rules.horizonDays} days ahead`;
    throw new AppError('unprocessable', `that window cannot be booked: ${why}`, await alternatives());
  }
  const customer = quietHours ? { timeZone: tz, quietHours } : null;
  if (customer && isInCustomerQuietHours(window, customer)) {
    throw new AppError('unprocessable', describeQuietHoursRefusal(window, customer), {
      reason: 'quiet_hours',
      quietHours,
      ...(await alternatives()),
    });
  }
  if (!(await repo.claimPlace(tx, site.id, new Date(startMs), window.capacity))) {
    throw new AppError(
      'window_full',
      'that window has just been filled; offer the customer another one',
      await alternatives(startMs),
    );
  }
  return window;
}
