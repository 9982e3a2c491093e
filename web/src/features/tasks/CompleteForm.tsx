import { type FormEvent, useState } from 'react';
import { describeError } from '../../api/client';
import { QueryState } from '../../shared/components/states';
import { useNotify } from '../../shared/components/toast';
import { useCompleteTask, useResolutionReasons } from './api';

/** Completes a task with a resolution reason (and closes its exception, server side). */
export function CompleteForm({ taskId, onDone }: { taskId: string; onDone?: () => void }) {
  const reasons = useResolutionReasons();
  const complete = useCompleteTask();
  const notify = useNotify();
  const [reason, setReason] = useState('');
  const [note, setNote] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!reason) return;
    complete.mutate(
      { id: taskId, resolutionReasonId: reason, note: note.trim() || undefined },
      {
        onSuccess: () => {
          notify('Task completed.', 'success');
          onDone?.();
        },
        onError: (error) => notify(`Not completed: ${describeError(error)}`, 'error'),
      },
    );
  };
  return (
    <form className="stack" onSubmit={submit} aria-label="Complete the task">
      <QueryState query={reasons} label="Loading resolution reasons…">
        {(list) => (
          <label className="field">
            <span>Resolution reason</span>
            <select value={reason} onChange={(e) => setReason(e.target.value)} required>
              <option value="">Choose…</option>
              {list.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.label}
                </option>
              ))}
            </select>
          </label>
        )}
      </QueryState>
      <label className="field">
        <span>Resolution note (optional)</span>
        <textarea rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
      </label>
      <div className="actions">
        <button type="submit" className="button primary" disabled={!reason || complete.isPending}>
          Complete task
        </button>
      </div>
    </form>
  );
}
