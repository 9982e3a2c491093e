import { Temporal } from 'temporal-polyfill';
import { describeMomentIn } from '../../lib/date-words.ts';

/**
 * Quiet hours in the customer's local time: no calls or emails from `start` until `end`
 * ('HH:MM', 24-hour). `start` later than `end` wraps midnight (21:00 → 08:00); equal means none.
 * Boundaries are computed per local date in the customer's zone, so they hold across DST changes:
 * 08:00 is 08:00 on the wall clock whether the night before had 23 or 25 hours.
 */
export type QuietHours = { start: string; end: string };

/** A stretch of time the clock did not run. */
export type Pause = { from: Date; until: Date };

const dayMs = 86_400_000;

function parseTime(value: string): Temporal.PlainTime {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(value);
  if (!match) throw new Error(`quiet hours time must be HH:MM, got "${value}"`);
  return new Temporal.PlainTime(Number(match[1]), Number(match[2]));
}

function atLocal(date: Temporal.PlainDate, time: Temporal.PlainTime, timeZone: string): number {
  // 'compatible': a boundary inside a spring-forward gap moves later, in a repeated hour it takes the first.
  return date.toZonedDateTime({ timeZone, plainTime: time }).epochMilliseconds;
}

/**
 * The quiet period beginning on one local date, as [from, until) in epoch ms (null if empty).
 * Remembered: a date's period in a zone never changes, and the callback clock asks for the same few
 * dates many times while it plans a promise.
 */
const periodsByDay = new Map<string, [number, number] | null>();

function quietPeriodOn(
  day: Temporal.PlainDate,
  timeZone: string,
  quiet: QuietHours,
): [number, number] | null {
  const key = `${timeZone}|${quiet.start}|${quiet.end}|${day.toString()}`;
  const known = periodsByDay.get(key);
  if (known !== undefined) return known;
  const start = parseTime(quiet.start);
  const end = parseTime(quiet.end);
  const wraps = Temporal.PlainTime.compare(start, end) > 0;
  const from = atLocal(day, start, timeZone);
  const until = atLocal(wraps ? day.add({ days: 1 }) : day, end, timeZone);
  const period: [number, number] | null = until > from ? [from, until] : null;
  if (periodsByDay.size >= 10_000) periodsByDay.clear();
  periodsByDay.set(key, period);
  return period;
}

/** The quiet periods that begin on the local dates around an instant, as [from, until) in epoch ms. */
function quietPeriodsAround(instantMs: number, timeZone: string, quiet: QuietHours): Array<[number, number]> {
  if (quiet.start === quiet.end) return [];
  const today = Temporal.Instant.fromEpochMilliseconds(instantMs).toZonedDateTimeISO(timeZone).toPlainDate();
  const periods: Array<[number, number]> = [];
  for (let offset = -1; offset <= 2; offset++) {
    const period = quietPeriodOn(today.add({ days: offset }), timeZone, quiet);
    if (period) periods.push(period);
  }
  return periods;
}

export function isQuiet(at: Date, timeZone: string, quiet: QuietHours): boolean {
  const ms = at.getTime();
  return quietPeriodsAround(ms, timeZone, quiet).some(([from, until]) => ms >= from && ms < until);
}

/** `at` itself when calls are allowed then, otherwise the end of the quiet period it falls in. */
export function nextAllowedTime(at: Date, timeZone: string, quiet: QuietHours): Date {
  const ms = at.getTime();
  const period = quietPeriodsAround(ms, timeZone, quiet).find(([from, until]) => ms >= from && ms < until);
  return period ? new Date(period[1]) : at;
}

/** The next quiet period starting strictly after `ms`. */
function nextQuietStart(ms: number, timeZone: string, quiet: QuietHours): number | null {
  const starts = quietPeriodsAround(ms, timeZone, quiet)
    .map(([from]) => from)
    .filter((from) => from > ms);
  return starts.length ? Math.min(...starts) : null;
}

/**
 * Runs a clock of `minutes` from `from`, counting only time outside quiet hours: a promise made at
 * 20:55 with 15 minutes to run is due at 08:10 the next morning (customer time). Returns the due
 * time and the first pause, if the clock had to stop.
 */
export function addAllowedMinutes(
  from: Date,
  minutes: number,
  timeZone: string,
  quiet: QuietHours,
): { dueAt: Date; pause: Pause | null } {
  let remaining = minutes * 60_000;
  let cursor = from.getTime();
  let pause: Pause | null = null;
  for (let guard = 0; guard < 400; guard++) {
    const allowed = nextAllowedTime(new Date(cursor), timeZone, quiet).getTime();
    if (allowed > cursor) {
      pause ??= { from: new Date(cursor), until: new Date(allowed) };
      cursor = allowed;
    }
    const quietStart = nextQuietStart(cursor, timeZone, quiet) ?? cursor + dayMs * 365;
    if (cursor + remaining <= quietStart) return { dueAt: new Date(cursor + remaining), pause };
    remaining -= quietStart - cursor;
    pause ??= { from: new Date(quietStart), until: nextAllowedTime(new Date(quietStart), timeZone, quiet) };
    cursor = quietStart;
  }
  throw new Error('quiet hours leave no time to run the clock');
}

/** Local time in the zone, for messages and notes: "Tuesday 1 December, 8:30 AM Eastern Time". */
export function describeLocalTime(at: Date, timeZone: string): string {
  return describeMomentIn(at, timeZone);
}

/**
 * Whether any part of [start, end) falls inside quiet hours in the zone: a callback window that
 * does may not be booked (the customer would be called, or promised a call, while they rest).
 */
export function overlapsQuietHours(
  startMs: number,
  endMs: number,
  timeZone: string,
  quiet: QuietHours,
): boolean {
  if (endMs <= startMs) return isQuiet(new Date(startMs), timeZone, quiet);
  // A window is shorter than a day, so the periods that begin around its start are all that can touch it.
  return quietPeriodsAround(startMs, timeZone, quiet).some(
    ([from, until]) => from < endMs && until > startMs,
  );
}

/**
 * The quiet periods that touch [fromMs, toMs), in order, as [from, until) in epoch ms: one zone
 * conversion per local date, so that availability can test thousands of windows against them.
 */
export function listQuietPeriods(
  fromMs: number,
  toMs: number,
  timeZone: string,
  quiet: QuietHours,
): Array<[number, number]> {
  if (quiet.start === quiet.end || toMs <= fromMs) return [];
  const dateOf = (ms: number) =>
    Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(timeZone).toPlainDate();
  const last = dateOf(toMs).add({ days: 1 });
  const periods: Array<[number, number]> = [];
  for (
    let day = dateOf(fromMs).subtract({ days: 1 });
    Temporal.PlainDate.compare(day, last) <= 0;
    day = day.add({ days: 1 })
  ) {
    const period = quietPeriodOn(day, timeZone, quiet);
    if (period && period[0] < toMs && period[1] > fromMs) periods.push(period);
  }
  return periods;
}
