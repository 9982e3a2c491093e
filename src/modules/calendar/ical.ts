import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';

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

function addEvent(
  calendar: ReturnType<typeof ical>,
  appointment: CalendarAppointment,
  organizer: Organizer,
  attendee?: { name: string; email: string },
) {
  calendar.createEvent({
    id: calendarUid(appointment.id),
    sequence: appointment.sequence,
    start: appointment.start,
    end: appointment.end,
    stamp: appointment.updatedAt,
    lastModified: appointment.updatedAt,
    summary: appointment.summary,
    description: appointment.description,
    status: appointment.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    organizer,
    attendees: attendee ? [{ name: attendee.name, email: attendee.email, rsvp: false }] : [],
  });
}

/** The customer's invite: METHOD:REQUEST for a booking or reschedule, CANCEL for a cancellation. */
export function buildInvite(
  appointment: CalendarAppointment,
  organizer: Organizer,
  attendee: { name: string; email: string },
): { method: 'REQUEST' | 'CANCEL'; content: string } {
  const method = appointment.status === 'cancelled' ? 'CANCEL' : 'REQUEST';
  const calendar = ical({
    prodId: { company: 'Escalation Desk', product: 'booking', language: 'EN' },
    method: method === 'CANCEL' ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
  });
  addEvent(calendar, appointment, organizer, attendee);
  return { method, content: calendar.toString() };
}

/** A desk's subscribable feed: every appointment, cancelled ones marked STATUS:CANCELLED. */
export function buildDeskFeed(
  name: string,
  appointments: CalendarAppointment[],
  organizer: Organizer,
): string {
  const calendar = ical({
    name,
    prodId: { company: 'Escalation Desk', product: 'desk-calendar', language: 'EN' },
    method: ICalCalendarMethod.PUBLISH,
    ttl: 5 * 60,
  });
  for (const appointment of appointments) addEvent(calendar, appointment, organizer);
  return calendar.toString();
}
