import { type FormEvent, useState } from 'react';
import { describeError } from '../../api/client';
import { useNotify } from '../../shared/components/toast';
import { type AttemptOutcome, useLogAttempt } from './api';

export const outcomes: Array<[AttemptOutcome, string]> = [
  ['connected', 'Connected'],
  ['no_answer', 'No answer'],
  ['voicemail', 'Voicemail left'],
  ['wrong_number', 'Wrong number'],
  ['dropped', 'Dropped'],
];

/** Logs a call attempt on a callback task; the promise clocks move with it. */
export function AttemptForm({ taskId }: { taskId: string }) {
  const log = useLogAttempt();
  const notify = useNotify();
  const [outcome, setOutcome] = useState<AttemptOutcome>('connected');
  const [note, setNote] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    log.mutate(
      { id: taskId, outcome, note: note.trim() || undefined },
      {
        onSuccess: () => {
          setNote('');
          notify('Call attempt logged.', 'success');
        },
        onError: (error) => notify(`Attempt not logged: ${describeError(error)}`, 'error'),
      },
    );
  };
  return (
    <form className="inline-form wrap" onSubmit={submit} aria-label="Log a call attempt">
      <label className="field">
        <span>Outcome</span>
        <select value={outcome} onChange={(e) => setOutcome(e.target.value as AttemptOutcome)}>
          {outcomes.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <label className="field grow">
        <span>Note</span>
        <input value={note} onChange={(e) => setNote(e.target.value)} />
      </label>
      <button type="submit" className="button" disabled={log.isPending}>
        Log attempt
      </button>
    </form>
  );
}
