// iCalendar (RFC 5545) text for appointments, written directly: a booking builds one invite in its
// transaction, and a general-purpose calendar library spent more time on it than the database did.

/** What an appointment looks like on a calendar: the desk's feed and the customer's invite share it. */
export type CalendarAppointment = {
  id: string;
  start: Date;
  end: Date;
  status: 'booked' | 'cancelled' | 'completed';
  sequence: number;
  summary: string;
  description: string;
  updatedAt: Date;
};

export type Organizer = { name: string; email: string };

/** A stable UID: the same appointment is the same calendar event everywhere, across reschedules. */
export function calendarUid(appointmentId: string): string {
  return `appointment-${appointmentId}@escalation-desk`;
}

/** TEXT values escape backslash, semicolon, comma and line breaks (§3.3.11). */
function text(value: string): string {
  return value.replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\r\n|\r|\n/g, '\\n');
}

/** A quoted parameter value (CN) may not contain a double quote (§3.2). */
function quoted(value: string): string {
  return `"${value.replace(/"/g, "'")}"`;
}

/** A UTC DATE-TIME: 20261130T150000Z. */
function utc(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/**
 * Lines longer than 75 octets continue on the next line after CRLF and a space (§3.1); a line is
 * never split inside a character.
 */
export function fold(line: string): string {
  if (Buffer.byteLength(line) <= 75) return line;
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  let limit = 75;
  for (const char of line) {
    const size = Buffer.byteLength(char);
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
      limit = 74; // the continuation's leading space counts
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

function eventLines(
  appointment: CalendarAppointment,
  organizer: Organizer,
  attendee?: { name: string; email: string },
): string[] {
  return [
    'BEGIN:VEVENT',
    `UID:${calendarUid(appointment.id)}`,
    `SEQUENCE:${appointment.sequence}`,
    `DTSTAMP:${utc(appointment.updatedAt)}`,
    `DTSTART:${utc(appointment.start)}`,
    `DTEND:${utc(appointment.end)}`,
    `SUMMARY:${text(appointment.summary)}`,
    `DESCRIPTION:${text(appointment.description)}`,
    `ORGANIZER;CN=${quoted(organizer.name)}:mailto:${organizer.email}`,
    ...(attendee
      ? [`ATTENDEE;ROLE=REQ-PARTICIPANT;RSVP=FALSE;CN=${quoted(attendee.name)}:MAILTO:${attendee.email}`]
      : []),
    `STATUS:${appointment.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED'}`,
    `LAST-MODIFIED:${utc(appointment.updatedAt)}`,
    'END:VEVENT',
  ];
}

function calendar(header: string[], events: string[][]): string {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', ...header, ...events.flat(), 'END:VCALENDAR'];
  return lines.map(fold).join('\r\n');
}

/** The customer's invite: METHOD:REQUEST for a booking or reschedule, CANCEL for a cancellation. */
export function buildInvite(
  appointment: CalendarAppointment,
  organizer: Organizer,
  attendee: { name: string; email: string },
): { method: 'REQUEST' | 'CANCEL'; content: string } {
  const method = appointment.status === 'cancelled' ? 'CANCEL' : 'REQUEST';
  const content = calendar(
    ['PRODID:-//Escalation Desk//booking//EN', `METHOD:${method}`],
    [eventLines(appointment, organizer, attendee)],
  );
  return { method, content };
}

/** A desk's subscribable feed: every appointment, cancelled ones marked STATUS:CANCELLED. */
export function buildDeskFeed(
  name: string,
  appointments: CalendarAppointment[],
  organizer: Organizer,
): string {
  return calendar(
    [
      'PRODID:-//Escalation Desk//desk-calendar//EN',
      'METHOD:PUBLISH',
      `NAME:${text(name)}`,
      `X-WR-CALNAME:${text(name)}`,
      // Subscribed calendars refresh every five minutes.
      'REFRESH-INTERVAL;VALUE=DURATION:PT5M',
      'X-PUBLISHED-TTL:PT5M',
    ],
    appointments.map((appointment) => eventLines(appointment, organizer)),
  );
}
