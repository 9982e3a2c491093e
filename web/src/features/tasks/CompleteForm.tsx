import { type FormEvent, useState } from 'react';
import { describeError } from '../../api/client';
import { QueryState } from '../../shared/components/states';
import { useNotify } from '../../shared/components/toast';
import { type CompleteBody, useCompleteTask, useResolutionReasons, useTier2ResolutionTypes } from './api';

/**
 * Completes a task with a resolution from its type's list (and closes its exception, server side):
 * a Tier 2 record with a Tier 2 resolution type, every other type with a resolution reason. A
 * purchasing request also takes Purchasing's answer, which goes to the job and to who asked.
 */
export function CompleteForm({
  taskId,
  taskType,
  onDone,
}: {
  taskId: string;
  taskType: string;
  onDone?: () => void;
}) {
  const isTier2 = taskType === 'tier2_record';
  const needsAnswer = taskType === 'purchasing';
  const reasons = useResolutionReasons(!isTier2);
  const tier2Types = useTier2ResolutionTypes(isTier2);
  const complete = useCompleteTask();
  const notify = useNotify();
  const [resolution, setResolution] = useState('');
  const [answer, setAnswer] = useState('');
  const [note, setNote] = useState('');
  const isReady = Boolean(resolution) && (!needsAnswer || answer.trim() !== '');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!isReady) return;
    const body: CompleteBody = isTier2
      ? { tier2ResolutionTypeId: resolution }
      : { resolutionReasonId: resolution };
    if (needsAnswer) body.answer = answer.trim();
    if (note.trim()) body.note = note.trim();
    complete.mutate(
      { id: taskId, ...body },
      {
        onSuccess: () => {
          notify(needsAnswer ? 'Answer sent; request completed.' : 'Task completed.', 'success');
          onDone?.();
        },
        onError: (error) => notify(`Not completed: ${describeError(error)}`, 'error'),
      },
    );
  };
  const label = isTier2 ? 'Tier 2 resolution type' : 'Resolution reason';
  return (
    <form className="stack" onSubmit={submit} aria-label="Complete the task">
      <QueryState query={isTier2 ? tier2Types : reasons} label={`Loading ${label.toLowerCase()}s…`}>
        {(list) => (
          <label className="field">
            <span>{label}</span>
            <select value={resolution} onChange={(e) => setResolution(e.target.value)} required>
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
      {needsAnswer && (
        <label className="field">
          <span>Purchasing’s answer (noted on the job and sent to the requester)</span>
          <textarea rows={3} value={answer} onChange={(e) => setAnswer(e.target.value)} required />
        </label>
      )}
      <label className="field">
        <span>Resolution note (optional)</span>
        <textarea rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
      </label>
      <div className="actions">
        <button type="submit" className="button primary" disabled={!isReady || complete.isPending}>
          {needsAnswer ? 'Send answer and complete' : 'Complete task'}
        </button>
      </div>
    </form>
  );
}
