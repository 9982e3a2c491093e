/**
 * What the agent does after a supervisor denies a callback: the procedure keeps the customer with us
 * (back to the Leadership Desk's live queue) or has the call resolved now with the supervisor's
 * guidance, and the job notated either way. Each way is one button.
 */
export function DenialNextStep({
  supervisorName,
  onTransferAgain,
  onFinishCall,
}: {
  supervisorName: string;
  onTransferAgain?: () => void;
  onFinishCall?: () => void;
}) {
  return (
    <section className="stack" aria-labelledby="denial-next-title">
      <h3 id="denial-next-title">What to do now</h3>
      <p>No callback can be booked for this escalation. Return to the customer and choose one:</p>
      <ol className="stack">
        <li>
          <strong>Keep the customer on the transfer.</strong> Put the call back in the Leadership Desk’s live
          queue; the customer stays on hold until a leader answers.
          {onTransferAgain && (
            <div className="actions">
              <button type="button" className="button primary" onClick={onTransferAgain}>
                Transfer to the Leadership Desk again
              </button>
            </div>
          )}
        </li>
        <li>
          <strong>Resolve it on the call.</strong> Follow {supervisorName}’s guidance with the customer, then
          notate the job with what was agreed (the job research beside this has the note field).
          {onFinishCall && (
            <div className="actions">
              <button type="button" className="button" onClick={onFinishCall}>
                Resolved on the call: start the next call
              </button>
            </div>
          )}
        </li>
      </ol>
    </section>
  );
}
