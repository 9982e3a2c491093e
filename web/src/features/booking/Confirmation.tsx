import { formatDay, formatWindow, todayIn } from '../../shared/time';
import type { Booked } from './api';

/** The confirmation as in the procedure, with the words to read to the customer. */
export function Confirmation({ booked }: { booked: Booked }) {
  const a = booked.appointment;
  const zone = a.customerTimeZone;
  const date = formatDay(todayIn(zone, new Date(a.start)));
  const timeframe = formatWindow(a.start, a.end, zone);
  const c = booked.confirmation;
  const fromServer = typeof c === 'string' ? c : (c?.script ?? c?.text);
  const script =
    fromServer ??
    `Great! I have successfully scheduled an appointment for you to speak with a Customer Advocacy Supervisor. The appointment is scheduled for ${date} between ${timeframe}. A confirmation email will be sent to the email address on file. You will be contacted within 5 minutes of your appointment window. If you miss the initial call the supervisor will try calling again within 15 minutes. If you're still unable to answer, a voicemail will be left and an email will be sent so that you can reschedule the appointment.`;
  return (
    <section className="card confirmation" aria-labelledby="confirmation-title" role="status">
      <h2 id="confirmation-title">✓ Callback booked</h2>
      <dl className="facts wide">
        <dt>When</dt>
        <dd>
          {date}, {timeframe}
        </dd>
        <dt>Desk</dt>
        <dd>{a.siteSlug} Leadership Desk</dd>
        {booked.task && (
          <>
            <dt>Callback task</dt>
            <dd>created and routed to the callback team</dd>
          </>
        )}
      </dl>
      <h3>Read to the customer</h3>
      <blockquote className="script">{script}</blockquote>
    </section>
  );
}
