import { type FormEvent, useState } from 'react';
import { ApiError } from '../../api/client';
import { QueryState } from '../../shared/components/states';
import {
  FormField,
  FormMessage,
  fieldErrorsOf,
  RequiredLegend,
  RequiredMark,
  useFieldErrors,
} from '../../shared/field-errors';
import { humanize } from '../../shared/text';
import { type Escalation, useEscalate, useReasons } from './api';

const labels = { reasons: 'Reasons', summary: 'Summary for the Leadership Desk' };

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
  const fieldErrors = useFieldErrors('escalation');
  const { errors } = fieldErrors;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const empty: Record<string, string> = {};
    if (chosen.length === 0) empty.reasons = 'Choose at least one reason.';
    if (!summary.trim()) empty.summary = 'Write a short summary for the desk.';
    if (Object.keys(empty).length) {
      return fieldErrors.show({ fields: empty, form: 'Not opened: fill in the fields marked below.' });
    }
    fieldErrors.clear();
    escalate.mutate(
      { jobNumber, reasons: chosen, summary: summary.trim(), allowDuplicate: false },
      {
        onSuccess: onOpened,
        onError: (error) =>
          !isDuplicateRefusal(error) &&
          fieldErrors.show(
            fieldErrorsOf(error, {
              labels,
              refusals: { reasons: 'One of these reasons is no longer offered.' },
            }),
          ),
      },
    );
  };
  // The server refuses a second open escalation on the job unless the agent confirms it.
  const duplicate = isDuplicateRefusal(escalate.error) ? escalate.error : null;
  const openId = typeof duplicate?.body.escalationId === 'string' ? duplicate.body.escalationId : null;

  return (
    <section className="card" aria-labelledby="open-escalation">
      <h2 id="open-escalation">Open an escalation on job {jobNumber}</h2>
      <form onSubmit={submit} className="stack" noValidate>
        <RequiredLegend />
        <fieldset
          className="reasons"
          aria-describedby={errors.fields.reasons ? 'escalation-reasons-error' : undefined}
        >
          <legend>
            Reasons (choose at least one; all that apply)
            <RequiredMark />
          </legend>
          <QueryState query={reasons} label="Loading reasons…">
            {(list) => (
              <div className="checkbox-grid">
                {list.map((reason, index) => (
                  <label key={reason.code} className="checkbox">
                    <input
                      id={index === 0 ? fieldErrors.idOf('reasons') : undefined}
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
          {errors.fields.reasons && (
            <p id="escalation-reasons-error" className="field-error">
              {errors.fields.reasons}
            </p>
          )}
        </fieldset>
        <FormField
          id={fieldErrors.idOf('summary')}
          label={labels.summary}
          isRequired
          error={errors.fields.summary}
        >
          {(control) => (
            <textarea
              {...control}
              rows={4}
              value={summary}
              onChange={(e) => setSummary(e.target.value)}
              placeholder="What happened, what the customer wants, what you already tried"
            />
          )}
        </FormField>
        <FormMessage errors={errors} />
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
                    {
                      onSuccess: onOpened,
                      onError: (error) => fieldErrors.show(fieldErrorsOf(error, { labels })),
                    },
                  )
                }
              >
                Open another anyway
              </button>
            </div>
          </div>
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

function isDuplicateRefusal(error: unknown): error is ApiError {
  return error instanceof ApiError && error.code === 'open_escalation_exists';
}
