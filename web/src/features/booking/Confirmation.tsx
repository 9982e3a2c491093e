import type { Booked } from './api';

/** The confirmation as in the procedure, with the words to read to the customer. */
export function Confirmation({ booked }: { booked: Booked }) {
  const c = booked.confirmation;
  return (
    <section className="card confirmation" aria-labelledby="confirmation-title">
      <h2 id="confirmation-title">✓ Callback booked</h2>
      <dl className="facts wide">
        <dt>When</dt>
        <dd>
          {/* The window already ends with the customer's zone in words ("… Central Time"): said once. */}
          {c.date}, {c.window} <span className="muted">(the customer’s time)</span>
        </dd>
        <dt>Desk</dt>
        <dd>{c.desk}</dd>
        <dt>Confirmation email</dt>
        <dd>{c.emailTo ?? 'no email on file: read the details twice'}</dd>
        <dt>Callback task</dt>
        <dd>created and routed to the callback team</dd>
      </dl>
      <h3>Read to the customer</h3>
      <blockquote className="script">{c.script}</blockquote>
      {c.whatHappensNext.length > 0 && (
        <>
          <h3>What happens next</h3>
          <ul>
            {c.whatHappensNext.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
