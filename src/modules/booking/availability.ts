import { Temporal } from 'temporal-polyfill';
import { AppError } from '../../lib/errors.ts';
import type { QuietHours } from '../guidelines/quiet-hours.ts';
import { type CustomerDay, withoutQuietHours } from './customer-day.ts';

// Availability maths, pure: no database, no clock. Windows are laid on the site's local wall clock
// from midnight every `windowMinutes`; a window whose local start does not exist (spring-forward
// gap) is not offered, and a repeated local time (fall-back) is offered once, at its first
// occurrence. Temporal supplies the zone rules; the per-window work is plain arithmetic on the
// zone's offset timeline so that a month for fifty members stays well under a millisecond or two.

const minuteMs = 60_000;
const dayMs = 86_400_000;

/** A block of weekly hours, site-local minutes after midnight, end exclusive. */
export type WeeklyHours = { userId: string; weekday: number; startMinute: number; endMinute: number };

/** Time off (`off`, all day when minutes are null, the whole desk when userId is null) or `extra` hours. */
export type DatedException = {
  userId: string | null;
  date: string;
  kind: 'off' | 'extra';
  startMinute: number | null;
  endMinute: number | null;
};

export type DeskRules = {
  siteZone: string;
  windowMinutes: number;
  callbacksPerMember: number;
  minNoticeMinutes: number;
  horizonDays: number;
  schedules: WeeklyHours[];
  exceptions: DatedException[];
  /** Places already taken, by window start (epoch milliseconds). */
  booked: ReadonlyMap<number, number>;
};

export type Window = { startMs: number; endMs: number; capacity: number; booked: number; remaining: number };

export type AvailabilityQuery = {
  from: string;
  days: number;
  tz: string;
  now: Date;
  quietHours?: QuietHours;
};
export type AvailabilityDay = {
  date: string;
  windows: Array<{ start: string; end: string; remaining: number }>;
};

/** Throws a clear 400 unless `zone` is an IANA time zone Temporal knows. */
export function assertTimeZone(zone: string, what = 'tz'): string {
  try {
    return Temporal.Now.zonedDateTimeISO(zone).timeZoneId;
  } catch {
    throw new AppError(
      'validation_failed',
      `${what}: "${zone}" is not a known IANA time zone (e.g. America/New_York)`,
    );
  }
}

/** Throws a clear 400 unless `date` is a real calendar date written YYYY-MM-DD. */
export function assertPlainDate(date: string, what = 'from'): Temporal.PlainDate {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) {
    throw new AppError('validation_failed', `${what}: "${date}" is not a date written YYYY-MM-DD`);
  }
  let plain: Temporal.PlainDate;
  try {
    plain = Temporal.PlainDate.from(date, { overflow: 'reject' });
  } catch {
    throw new AppError('validation_failed', `${what}: "${date}" is not a real calendar date`);
  }
  // The days asked for, and a day either side, must stay within what a timestamp can hold.
  if (plain.year < 1900 || plain.year > 9000) {
    throw new AppError('validation_failed', `${what}: "${date}" is not between the years 1900 and 9000`);
  }
  return plain;
}

type OffsetTimeline = { starts: number[]; offsets: number[]; distinct: number[] };

/** The zone's UTC offsets over [fromMs, toMs]: each offset with the instant it starts. */
function offsetTimeline(zone: string, fromMs: number, toMs: number): OffsetTimeline {
  let zdt = Temporal.Instant.fromEpochMilliseconds(fromMs).toZonedDateTimeISO(zone);
  const starts = [Number.NEGATIVE_INFINITY];
  const offsets = [zdt.offsetNanoseconds / 1e6];
  for (;;) {
    const next = zdt.getTimeZoneTransition('next');
    if (!next || next.epochMilliseconds > toMs) break;
    starts.push(next.epochMilliseconds);
    offsets.push(next.offsetNanoseconds / 1e6);
    zdt = next;
  }
  return { starts, offsets, distinct: [...new Set(offsets)] };
}

function offsetAt(timeline: OffsetTimeline, ms: number): number {
  let offset = timeline.offsets[0]!;
  for (let i = 1; i < timeline.starts.length && timeline.starts[i]! <= ms; i++) offset = timeline.offsets[i]!;
  return offset;
}

/** The instant of a local wall time (as UTC-wall ms): null in a gap, the earlier one when repeated. */
function instantOfWall(timeline: OffsetTimeline, wallMs: number): number | null {
  let best: number | null = null;
  for (const offset of timeline.distinct) {
    const candidate = wallMs - offset;
    if (offsetAt(timeline, candidate) === offset && (best === null || candidate < best)) best = candidate;
  }
  return best;
}

function dateOfEpochDay(day: number): string {
  return new Date(day * dayMs).toISOString().slice(0, 10);
}

function mergeIntervals(intervals: Array<[number, number]>): Array<[number, number]> {
  const sorted = intervals.filter(([a, b]) => b > a).sort((x, y) => x[0] - y[0]);
  const merged: Array<[number, number]> = [];
  for (const [a, b] of sorted) {
    const last = merged.at(-1);
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else merged.push([a, b]);
  }
  return merged;
}

function subtract(intervals: Array<[number, number]>, [a, b]: [number, number]): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const [x, y] of intervals) {
    if (b <= x || a >= y) out.push([x, y]);
    else {
      if (x < a) out.push([x, a]);
      if (b < y) out.push([b, y]);
    }
  }
  return out;
}

/** Each member's working intervals on one site-local date, weekly hours adjusted by exceptions. */
export function workingIntervals(
  rules: Pick<DeskRules, 'schedules' | 'exceptions'>,
  date: string,
  weekday: number,
): Map<string, Array<[number, number]>> {
  const byUser = new Map<string, Array<[number, number]>>();
  const add = (userId: string, interval: [number, number]) => {
    const list = byUser.get(userId) ?? [];
    list.push(interval);
    byUser.set(userId, list);
  };
  for (const block of rules.schedules) {
    if (block.weekday === weekday) add(block.userId, [block.startMinute, block.endMinute]);
  }
  const todays = rules.exceptions.filter((e) => e.date === date);
  for (const extra of todays) {
    if (extra.kind === 'extra' && extra.userId && extra.startMinute !== null && extra.endMinute !== null) {
      add(extra.userId, [extra.startMinute, extra.endMinute]);
    }
  }
  for (const [userId, list] of byUser) {
    let intervals = mergeIntervals(list);
    for (const off of todays) {
      if (off.kind !== 'off' || (off.userId !== null && off.userId !== userId)) continue;
      intervals =
        off.startMinute === null || off.endMinute === null
          ? []
          : subtract(intervals, [off.startMinute, off.endMinute]);
    }
    byUser.set(userId, intervals);
  }
  return byUser;
}

/**
 * Every window of the desk whose start lies in [fromMs, toMs), with its capacity (members working
 * all of it × callbacks per member) and what is booked. Windows nobody staffs are left out.
 */
export function listWindows(rules: DeskRules, fromMs: number, toMs: number): Window[] {
  const w = rules.windowMinutes;
  const timeline = offsetTimeline(rules.siteZone, fromMs - 2 * dayMs, toMs + 2 * dayMs);
  const firstDay = Math.floor((fromMs + offsetAt(timeline, fromMs)) / dayMs) - 1;
  const lastDay = Math.floor((toMs + offsetAt(timeline, toMs)) / dayMs) + 1;
  const perDay = Math.floor(1440 / w);
  const windows: Window[] = [];
  for (let day = firstDay; day <= lastDay; day++) {
    const weekday = ((((day + 3) % 7) + 7) % 7) + 1; // 1970-01-01 was a Thursday (ISO 4)
    const members = workingIntervals(rules, dateOfEpochDay(day), weekday);
    const staffed = new Array<number>(perDay).fill(0);
    for (const intervals of members.values()) {
      for (const [a, b] of intervals) {
        for (let k = Math.ceil(a / w); (k + 1) * w <= b && k < perDay; k++) staffed[k]!++;
      }
    }
    for (let k = 0; k < perDay; k++) {
      if (!staffed[k]) continue;
      const startMs = instantOfWall(timeline, day * dayMs + k * w * minuteMs);
      if (startMs === null || startMs < fromMs || startMs >= toMs) continue;
      const capacity = staffed[k]! * rules.callbacksPerMember;
      const booked = rules.booked.get(startMs) ?? 0;
      windows.push({
        startMs,
        endMs: startMs + w * minuteMs,
        capacity,
        booked,
        remaining: capacity - booked,
      });
    }
  }
  return windows.sort((a, b) => a.startMs - b.startMs);
}

/** The instants from which a window may be booked: after the minimum notice, within the horizon. */
export function bookableRange(rules: Pick<DeskRules, 'minNoticeMinutes' | 'horizonDays'>, now: Date) {
  return {
    fromMs: now.getTime() + rules.minNoticeMinutes * minuteMs,
    toMs: now.getTime() + rules.horizonDays * dayMs,
  };
}

/**
 * Open windows (bookable, places left) in [fromMs, toMs); with `customer`, only those wholly outside
 * the customer's quiet hours.
 */
export function listOpenWindows(
  rules: DeskRules,
  now: Date,
  fromMs: number,
  toMs: number,
  customer?: CustomerDay,
): Window[] {
  const range = bookableRange(rules, now);
  const from = Math.max(fromMs, range.fromMs);
  const to = Math.min(toMs, range.toMs);
  if (to <= from) return [];
  const open = listWindows(rules, from, to).filter((window) => window.remaining > 0);
  return customer ? withoutQuietHours(open, customer) : open;
}

/** Formats an instant as ISO-8601 with the zone's offset at that instant, to the second. */
export function formatInZone(ms: number, zone: string): string {
  return Temporal.Instant.fromEpochMilliseconds(ms)
    .toZonedDateTimeISO(zone)
    .toString({ timeZoneName: 'never' });
}

function isoWithOffset(ms: number, offsetMs: number): string {
  const local = new Date(ms + offsetMs).toISOString().slice(0, 19);
  const sign = offsetMs < 0 ? '-' : '+';
  const abs = Math.abs(offsetMs) / minuteMs;
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${local}${sign}${hh}:${mm}`;
}

/**
 * The open windows of `days` dates from `from`, dates and times in the asked zone `tz`:
 * what `GET /api/sites/{slug}/availability` answers.
 */
export function describeAvailability(rules: DeskRules, query: AvailabilityQuery): AvailabilityDay[] {
  const tz = assertTimeZone(query.tz);
  const first = assertPlainDate(query.from);
  const fromMs = first.toZonedDateTime({ timeZone: tz }).epochMilliseconds;
  const toMs = first.add({ days: query.days }).toZonedDateTime({ timeZone: tz }).epochMilliseconds;
  const timeline = offsetTimeline(tz, fromMs - dayMs, toMs + dayMs);
  const days: AvailabilityDay[] = [];
  const byDate = new Map<string, AvailabilityDay>();
  for (let i = 0; i < query.days; i++) {
    const day: AvailabilityDay = { date: first.add({ days: i }).toString(), windows: [] };
    days.push(day);
    byDate.set(day.date, day);
  }
  const customer = query.quietHours ? { timeZone: tz, quietHours: query.quietHours } : undefined;
  for (const window of listOpenWindows(rules, query.now, fromMs, toMs, customer)) {
    const start = isoWithOffset(window.startMs, offsetAt(timeline, window.startMs));
    const end = isoWithOffset(window.endMs, offsetAt(timeline, window.endMs));
    byDate.get(start.slice(0, 10))?.windows.push({ start, end, remaining: window.remaining });
  }
  return days;
}

/**
 * The nearest open window before and after `startMs` (what a 409 `window_full` offers instead), in
 * `tz`; with `quietHours`, only windows outside the customer's quiet hours in `tz`.
 */
export function findAlternatives(
  rules: DeskRules,
  now: Date,
  startMs: number,
  tz: string,
  quietHours?: QuietHours,
) {
  const customer = quietHours ? { timeZone: tz, quietHours } : undefined;
  const windows = listOpenWindows(rules, now, startMs - 14 * dayMs, startMs + 14 * dayMs, customer);
  const before = windows.filter((x) => x.startMs < startMs).at(-1);
  const after = windows.find((x) => x.startMs > startMs);
  return [before, after]
    .filter((x): x is Window => x !== undefined)
    .map((x) => ({
      start: formatInZone(x.startMs, tz),
      end: formatInZone(x.endMs, tz),
      remaining: x.remaining,
    }));
}
