import { type FormEvent, useState } from 'react';
import { useNotify } from '../../shared/components/toast';
import { FormField, FormMessage, fieldErrorsOf, useFieldErrors } from '../../shared/field-errors';
import { type AttemptOutcome, useLogAttempt } from './api';

export const outcomes: Array<[AttemptOutcome, string]> = [
  ['connected', 'Connected'],
  ['no_answer', 'No answer'],
  ['voicemail', 'Voicemail left'],
  ['wrong_number', 'Wrong number'],
  ['dropped', 'Dropped'],
];

const labels = { outcome: 'Outcome', note: 'Note' };

/** Logs a call attempt on a callback task; the promise clocks move with it. */
export function AttemptForm({ taskId }: { taskId: string }) {
  const log = useLogAttempt();
  const notify = useNotify();
  const [outcome, setOutcome] = useState<AttemptOutcome>('connected');
  const [note, setNote] = useState('');
  const fieldErrors = useFieldErrors(`attempt-${taskId}`);
  const { errors } = fieldErrors;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    fieldErrors.clear();
    log.mutate(
      { id: taskId, outcome, note: note.trim() || undefined },
      {
        onSuccess: () => {
          setNote('');
          notify('Call attempt logged.', 'success');
        },
        onError: (error) => fieldErrors.show(fieldErrorsOf(error, { labels })),
      },
    );
  };
  return (
    <form className="stack" onSubmit={submit} aria-label="Log a call attempt" noValidate>
      <div className="inline-form wrap">
        <FormField
          id={fieldErrors.idOf('outcome')}
          label={labels.outcome}
          isRequired
          error={errors.fields.outcome}
        >
          {(control) => (
            <select
              {...control}
              value={outcome}
              onChange={(e) => setOutcome(e.target.value as AttemptOutcome)}
            >
              {outcomes.map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField
          id={fieldErrors.idOf('note')}
          label={labels.note}
          error={errors.fields.note}
          className="grow"
        >
          {(control) => <input {...control} value={note} onChange={(e) => setNote(e.target.value)} />}
        </FormField>
        <button type="submit" className="button" disabled={log.isPending}>
          Log attempt
        </button>
      </div>
      <FormMessage errors={errors} />
    </form>
  );
}
