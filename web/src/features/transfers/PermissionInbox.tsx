import { useState } from 'react';
import { describeError } from '../../api/client';
import { Empty, QueryState } from '../../shared/components/states';
import { WaitClock } from '../../shared/components/time';
import { useNotify } from '../../shared/components/toast';
import { type Permission, useDecidePermission, usePermissionInbox } from './api';

/** A supervisor's pending callback-permission requests, answered with one click (live). */
export function PermissionInbox() {
  const inbox = usePermissionInbox(true);
  return (
    <section className="card" aria-labelledby="inbox-title">
      <h2 id="inbox-title">Callback permission requests</h2>
      <QueryState query={inbox} label="Loading requests…">
        {(items) =>
          items.length === 0 ? (
            <Empty>No requests waiting. Agents’ requests appear here as they ask.</Empty>
          ) : (
            <ul className="plain-list">
              {items.map((p) => (
                <PermissionRow key={p.id} permission={p} />
              ))}
            </ul>
          )
        }
      </QueryState>
    </section>
  );
}

function PermissionRow({ permission: p }: { permission: Permission }) {
  const decide = useDecidePermission();
  const notify = useNotify();
  const [note, setNote] = useState('');
  const agent = p.requestedBy.name;
  const act = (decision: 'approve' | 'deny') =>
    decide.mutate(
      { id: p.id, decision, note: note.trim() || undefined },
      {
        onSuccess: () => notify(`${decision === 'approve' ? 'Approved' : 'Denied'}: ${agent}`, 'success'),
        onError: (e) => notify(describeError(e), 'error'),
      },
    );
  return (
    <li className="permission-row">
      <div>
        <strong>{agent}</strong> asks to book a callback{p.jobNumber ? ` on job ${p.jobNumber}` : ''}
        {p.thresholdReached ? <span className="badge danger">waited past threshold</span> : null}
        <span className="muted small">
          {' '}
          · asked <WaitClock since={String(p.requestedAt)} label="Asked" /> ago
          {p.isFallbackSupervisor ? ' · their supervisor is away' : ''}
        </span>
        {p.requestNote && <p className="quote">{p.requestNote}</p>}
      </div>
      <div className="inline-form">
        <label className="field grow">
          <span className="sr-only">Note to {agent}</span>
          <input value={note} onChange={(e) => setNote(e.target.value)} placeholder="Note (optional)" />
        </label>
        <button
          type="button"
          className="button primary"
          disabled={decide.isPending}
          onClick={() => act('approve')}
        >
          Approve
        </button>
        <button
          type="button"
          className="button danger"
          disabled={decide.isPending}
          onClick={() => act('deny')}
        >
          Deny
        </button>
      </div>
    </li>
  );
}
