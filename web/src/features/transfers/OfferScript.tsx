// The words the procedure has the agent read when they return to the customer to offer a callback
// (Leadership Desk escalation article, "Call Back"): verbatim, so every customer hears the same offer.
export const offerScript =
  'Thank you for holding. I apologize but my supervisor is currently unavailable. I do have their ' +
  'schedule in front of me and would like to schedule a call back for them to follow up with you. ' +
  'Is there a specific day or time that you would like to receive this call?';

/**
 * The callback offer to read to the customer: ready while the supervisor decides, to be read once
 * they approve (the procedure offers a callback only with permission).
 */
export function OfferScript({ isApproved }: { isApproved: boolean }) {
  return (
    <section className="stack" aria-labelledby="offer-script-title">
      <h3 id="offer-script-title">
        {isApproved ? 'Read this to the customer now' : 'Once approved, read this to the customer'}
      </h3>
      <blockquote className="script">{offerScript}</blockquote>
      {isApproved && <p className="muted">Then book the day and time the customer chooses below.</p>}
    </section>
  );
}
