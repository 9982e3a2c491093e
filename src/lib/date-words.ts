import { Temporal } from 'temporal-polyfill';

// Dates as people read them in mail and job notes: "Tuesday 1 December, 8:30 AM Eastern Time",
// always in the reader's zone (the customer's for customer mail), never an ISO stamp or an IANA
// name. The zone is its generic name ("Eastern Time"), which holds across daylight saving; only
// in the hour the fall-back night repeats is the specific one added, so 1:30 AM is not ambiguous.

// Building an Intl.DateTimeFormat costs far more than using one: one of each per zone, reused.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(zone: string, kind: 'day' | 'time' | 'zone' | 'longZone' | 'shortZone') {
  const key = `${kind} ${zone}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    const options: Record<typeof kind, Intl.DateTimeFormatOptions> = {
      day: { weekday: 'long', day: 'numeric', month: 'long' },
      time: { hour: 'numeric', minute: '2-digit' },
      zone: { timeZoneName: 'longGeneric' },
      longZone: { timeZoneName: 'long' },
      shortZone: { timeZoneName: 'short' },
    };
    // en-GB writes the day as "Tuesday 1 December"; en-US the time as "8:30 AM".
    formatter = new Intl.DateTimeFormat(kind === 'day' ? 'en-GB' : 'en-US', {
      timeZone: zone,
      ...options[kind],
    });
    formatters.set(key, formatter);
  }
  return formatter;
}

function zonePart(at: Date, zone: string, kind: 'zone' | 'longZone' | 'shortZone'): string {
  return (
    formatterFor(zone, kind)
      .formatToParts(at)
      .find((part) => part.type === 'timeZoneName')?.value ?? zone
  );
}

/** Whether the local wall time at `at` happens twice in the zone (the fall-back hour). */
function isRepeatedLocalTime(at: Date, zone: string): boolean {
  const local = Temporal.Instant.fromEpochMilliseconds(at.getTime())
    .toZonedDateTimeISO(zone)
    .toPlainDateTime();
  const earlier = local.toZonedDateTime(zone, { disambiguation: 'earlier' }).epochMilliseconds;
  const later = local.toZonedDateTime(zone, { disambiguation: 'later' }).epochMilliseconds;
  return earlier !== later;
}

/** "Eastern Time"; "Eastern Time (EDT)" in the repeated hour; "Coordinated Universal Time" for UTC. */
export function describeZoneAt(at: Date, zone: string): string {
  const generic = zonePart(at, zone, 'zone');
  // Zones without a generic name (UTC, Etc/…) come back as "GMT+00:00": their long name reads better.
  const name = generic.startsWith('GMT') ? zonePart(at, zone, 'longZone') : generic;
  return isRepeatedLocalTime(at, zone) ? `${name} (${zonePart(at, zone, 'shortZone')})` : name;
}

/** "Tuesday 1 December" in the zone. */
export function describeDayIn(at: Date, zone: string): string {
  return formatterFor(zone, 'day').format(at);
}

/** "8:30 AM" in the zone (no zone name). */
export function describeTimeIn(at: Date, zone: string): string {
  // Some ICU versions put a narrow no-break space before AM/PM; mail and notes want a plain one.
  return formatterFor(zone, 'time')
    .format(at)
    .replace(/\u202f/g, ' ');
}

/** A wall-clock time of a setting ("21:00") as people read it: "9:00 PM" (no zone of its own). */
export function describeClockTime(clock: string): string {
  const [hours, minutes] = clock.split(':').map(Number);
  return describeTimeIn(new Date(Date.UTC(2000, 0, 1, hours, minutes)), 'UTC');
}

/** "Tuesday 1 December, 8:30 AM Eastern Time". */
export function describeMomentIn(at: Date, zone: string): string {
  return `${describeDayIn(at, zone)}, ${describeTimeIn(at, zone)} ${describeZoneAt(at, zone)}`;
}

/** A callback window: `{ date: "Tuesday 1 December", window: "8:30 AM – 9:00 AM Eastern Time" }`. */
export function describeWindowIn(start: Date, end: Date, zone: string): { date: string; window: string } {
  return {
    date: describeDayIn(start, zone),
    window: `${describeTimeIn(start, zone)} – ${describeTimeIn(end, zone)} ${describeZoneAt(start, zone)}`,
  };
}
