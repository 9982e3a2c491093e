import { type FormEvent, useState } from 'react';
import { ApiError, describeError } from '../../api/client';
import { QueryState } from '../../shared/components/states';
import { humanize } from '../../shared/text';
import { type Escalation, useEscalate, useReasons } from './api';

/** Opens an escalation on a job: one or more reasons and the agent's summary for the desk. */
export function EscalationForm({
  jobNumber,
  onOpened,
  onResume,
}: {
  jobNumber: string;
  onOpened: (e: Escalation) => void;
  /** Back to the job's open escalation the server warned about, instead of a duplicate. */
  onResume: (escalationId: string) => void;
}) {
  const reasons = useReasons();
  const escalate = useEscalate();
  const [chosen, setChosen] = useState<string[]>([]);
  const [summary, setSummary] = useState('');
  const [touched, setTouched] = useState(false);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (chosen.length === 0 || !summary.trim()) return;
    escalate.mutate(
      { jobNumber, reasons: chosen, summary: summary.trim(), allowDuplicate: false },
      { onSuccess: onOpened },
    );
  };
  // The server refuses a second open escalation on the job unless the agent confirms it.
  const duplicate =
    escalate.error instanceof ApiError && escalate.error.code === 'open_escalation_exists'
      ? escalate.error
      : null;
  const openId = typeof duplicate?.body.escalationId === 'string' ? duplicate.body.escalationId : null;

  return (
    <section className="card" aria-labelledby="open-escalation">
      <h2 id="open-escalation">Open an escalation on job {jobNumber}</h2>
      <form onSubmit={submit} className="stack" noValidate>
        <fieldset className="reasons">
          <legend>Reasons (choose all that apply)</legend>
          <QueryState query={reasons} label="Loading reasons…">
            {(list) => (
              <div className="checkbox-grid">
                {list.map((reason) => (
                  <label key={reason.code} className="checkbox">
                    <input
                      type="checkbox"
                      checked={chosen.includes(reason.code)}
                      onChange={(e) =>
                        setChosen((all) =>
                          e.target.checked ? [...all, reason.code] : all.filter((c) => c !== reason.code),
                        )
                      }
                    />
                    {reason.label}
                  </label>
                ))}
              </div>
            )}
          </QueryState>
          {touched && chosen.length === 0 && (
            <p className="form-error" role="alert">
              Choose at least one reason.
            </p>
          )}
        </fieldset>
        <label className="field">
          <span>Summary for the Leadership Desk</span>
          <textarea
            rows={4}
            value={summary}
            onChange={(e) => setSummary(e.target.value)}
            placeholder="What happened, what the customer wants, what you already tried"
            aria-invalid={touched && !summary.trim()}
          />
        </label>
        {touched && !summary.trim() && (
          <p className="form-error" role="alert">
            Write a short summary for the desk.
          </p>
        )}
        {duplicate && (
          <div className="callout warning" role="alert">
            <p>
              <strong>Job {jobNumber} already has an open escalation.</strong> {duplicate.message}.
            </p>
            <div className="actions">
              {openId && (
                <button type="button" className="button primary" onClick={() => onResume(openId)}>
                  Go back to the open escalation
                </button>
              )}
              <button
                type="button"
                className="button"
                disabled={escalate.isPending}
                onClick={() =>
                  escalate.mutate(
                    { jobNumber, reasons: chosen, summary: summary.trim(), allowDuplicate: true },
                    { onSuccess: onOpened },
                  )
                }
              >
                Open another anyway
              </button>
            </div>
          </div>
        )}
        {escalate.error && !duplicate && (
          <p className="form-error" role="alert">
            {describeError(escalate.error)}
          </p>
        )}
        <div className="actions">
          <button type="submit" className="button primary" disabled={escalate.isPending}>
            {escalate.isPending ? 'Opening…' : 'Open escalation'}
          </button>
        </div>
      </form>
    </section>
  );
}

/** The open escalation, as the agent sees it while working it. */
export function EscalationSummary({
  escalation,
  reasonLabels,
}: {
  escalation: Escalation;
  reasonLabels: Map<string, string>;
}) {
  return (
    <div className="escalation-summary">
      <p>
        <strong>Escalation open</strong> on job {escalation.jobNumber} ·{' '}
        <span className="badge">{humanize(escalation.status)}</span>
      </p>
      <ul className="chips" aria-label="Reasons">
        {escalation.reasons.map((code) => (
          <li key={code} className="chip">
            {reasonLabels.get(code) ?? code}
          </li>
        ))}
      </ul>
      <p className="quote">{escalation.summary}</p>
    </div>
  );
}
