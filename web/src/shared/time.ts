// Times are stored in UTC and shown in a named zone, always with the zone's label beside them.

/** The short name of a zone at an instant, e.g. "EST" or "PDT" (falls back to the IANA name). */
export function zoneLabel(zone: string, at: Date | string = new Date()): string {
  const date = typeof at === 'string' ? new Date(at) : at;
  const part = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'short' })
    .formatToParts(date)
    .find((p) => p.type === 'timeZoneName');
  return part?.value ?? zone;
}

/** "2:30 PM EST". */
export function formatClock(iso: string, zone: string): string {
  const time = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hour: 'numeric',
    minute: '2-digit',
  }).format(new Date(iso));
  return `${time} ${zoneLabel(zone, iso)}`;
}

/** "9:00 – 9:30 AM EST" for a window. */
export function formatWindow(start: string, end: string, zone: string): string {
  const f = new Intl.DateTimeFormat('en-US', { timeZone: zone, hour: 'numeric', minute: '2-digit' });
  return `${f.format(new Date(start))} – ${f.format(new Date(end))} ${zoneLabel(zone, start)}`;
}

/** "Thu, Nov 26, 2:30 PM EST". */
export function formatDateTime(iso: string, zone: string): string {
  const text = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
  }).format(new Date(iso));
  return `${text} ${zoneLabel(zone, iso)}`;
}

/** "Thursday, November 26" for a calendar date `YYYY-MM-DD` (no zone: it is a date). */
export function formatDay(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Intl.DateTimeFormat('en-US', {
    timeZone: 'UTC',
    weekday: 'long',
    month: 'long',
    day: 'numeric',
  }).format(new Date(Date.UTC(y, m - 1, d)));
}

/** "Thu, Nov 26" for a calendar date `YYYY-MM-DD`. */
export function formatShortDay(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Intl.DateTimeFormat('en-US', {
    timeZone: 'UTC',
    weekday: 'short',
    month: 'short',
    day: 'numeric',
  }).format(new Date(Date.UTC(y, m - 1, d)));
}

/** Today's date `YYYY-MM-DD` in a zone. */
export function todayIn(zone: string, now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

/** "3:07" or "1:02:07" for a duration in seconds. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${rest}` : `${m}:${rest}`;
}

/** "about 4 min" for an estimate in seconds. */
export function formatEstimate(seconds: number): string {
  if (seconds < 60) return 'under a minute';
  return `about ${Math.round(seconds / 60)} min`;
}

/** The browser's own zone, for people without a site. */
export function localZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** "Eastern Time" for America/New_York: a zone as people name it (the IANA name when there is none). */
export function zoneName(zone: string, at: Date = new Date()): string {
  try {
    const name = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longGeneric' })
      .formatToParts(at)
      .find((p) => p.type === 'timeZoneName')?.value;
    return name && !name.startsWith('GMT') ? name : zone;
  } catch {
    return zone;
  }
}
