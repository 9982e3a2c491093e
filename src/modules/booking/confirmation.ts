import type { Config } from '../../config.ts';
import { describeWindowIn as describeWindowWords } from '../../lib/date-words.ts';
import { buildInvite, type CalendarAppointment } from '../calendar/ical.ts';
import { parseMailbox } from '../mail/compose.ts';
import type { OutgoingMail } from '../mail/outbox.ts';

/**
 * Date and window as the customer reads them, in their own zone:
 * `{ date: "Tuesday 1 December", window: "8:30 AM – 9:00 AM Eastern Time" }`.
 */
export const describeWindowIn = describeWindowWords;

export const whatHappensNext = [
  'You will be called within 5 minutes of the start of your appointment window.',
  'If you miss that call, the supervisor will try again within 15 minutes.',
  'If you still cannot answer, a voicemail will be left and an email sent so that you can reschedule.',
];

/** What the agent reads to the customer once the booking is made (the procedure's script). */
export function confirmationScript(date: string, window: string): string {
  return (
    'Great! I have successfully scheduled an appointment for you to speak with a Customer Advocacy ' +
    `Supervisor. The appointment is scheduled for ${date} between ${window}. A confirmation email will ` +
    'be sent to the email address on file. You will be contacted within 5 minutes of your appointment ' +
    "window. If you miss the initial call the supervisor will try calling again within 15 minutes. If you're " +
    'still unable to answer, a voicemail will be left and an email will be sent so that you can reschedule ' +
    'the appointment.'
  );
}

export type MailAppointment = {
  id: string;
  start: Date;
  end: Date;
  status: 'booked' | 'cancelled' | 'completed';
  sequence: number;
  updatedAt: Date;
  customerTimeZone: string;
  customerName: string;
  customerEmail: string;
  deskName: string;
  jobNumber: string;
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function inviteOf(config: Config, appointment: MailAppointment) {
  const event: CalendarAppointment = {
    id: appointment.id,
    start: appointment.start,
    end: appointment.end,
    status: appointment.status,
    sequence: appointment.sequence,
    updatedAt: appointment.updatedAt,
    summary: `Callback from the ${appointment.deskName}`,
    description: `A Customer Advocacy Supervisor will call you about job ${appointment.jobNumber}.\n${whatHappensNext.join('\n')}`,
  };
  return buildInvite(event, parseMailbox(config.mailFrom), {
    name: appointment.customerName,
    email: appointment.customerEmail,
  });
}

/**
 * The customer's email for a booking, reschedule or cancellation: text + HTML, with the calendar
 * invite (REQUEST with the appointment's SEQUENCE, or CANCEL) and the manage link.
 */
export function composeAppointmentMail(
  config: Config,
  appointment: MailAppointment,
  kind: 'booked' | 'rescheduled' | 'cancelled',
  manageUrl: string,
): OutgoingMail {
  const { date, window } = describeWindowIn(appointment.start, appointment.end, appointment.customerTimeZone);
  const headline = {
    booked: `Your callback with the ${appointment.deskName} is booked`,
    rescheduled: `Your callback with the ${appointment.deskName} has moved`,
    cancelled: `Your callback with the ${appointment.deskName} is cancelled`,
  }[kind];
  const when =
    kind === 'cancelled'
      ? `The callback planned for ${date} between ${window} is cancelled.`
      : `A Customer Advocacy Supervisor will call you on ${date} between ${window}.`;
  const next = kind === 'cancelled' ? [] : whatHappensNext;
  const manage =
    kind === 'cancelled'
      ? 'If you would still like a callback, please call us and we will book a new time.'
      : `Need another time, or no longer need the call? Reschedule or cancel here: ${manageUrl}`;
  const text = [
    `Hello ${appointment.customerName},`,
    '',
    `${headline}.`,
    when,
    `Job: ${appointment.jobNumber}`,
    '',
    ...(next.length ? ['What happens next:', ...next.map((line) => `- ${line}`), ''] : []),
    manage,
    '',
    `The ${appointment.deskName}`,
  ].join('\n');
  const html = `<!doctype html><html><body style="font-family:system-ui,sans-serif;line-height:1.5;max-width:560px">
<p>Hello ${escapeHtml(appointment.customerName)},</p>
<h1 style="font-size:1.25rem">${escapeHtml(headline)}</h1>
<p><strong>${escapeHtml(when)}</strong><br>Job: ${escapeHtml(appointment.jobNumber)}</p>
${next.length ? `<h2 style="font-size:1rem">What happens next</h2><ul>${next.map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul>` : ''}
${
  kind === 'cancelled'
    ? `<p>${escapeHtml(manage)}</p>`
    : `<p><a href="${escapeHtml(manageUrl)}">Reschedule or cancel your callback</a></p>`
}
<p>The ${escapeHtml(appointment.deskName)}</p>
</body></html>`;
  const subjectWhen = kind === 'cancelled' ? 'cancelled' : `${date}, ${window}`;
  return {
    to: appointment.customerEmail,
    subject: `Callback with the ${appointment.deskName}: ${subjectWhen}`,
    text,
    html,
    calendar: { ...inviteOf(config, appointment), filename: 'invite.ics' },
    purpose: `appointment_${kind}`,
    relatedId: appointment.id,
  };
}
