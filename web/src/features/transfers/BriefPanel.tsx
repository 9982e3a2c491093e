import { describeError } from '../../api/client';
import { Loading } from '../../shared/components/states';
import { useNotify } from '../../shared/components/toast';
import { type Transfer, useTransfer, useTransferStep } from './api';
import { PhoneLink } from '../../shared/components/phone';

/** What the leader reads on answering: reasons, customer, job and the agent's summary; then the call's steps. */
export function BriefPanel({
  transferId,
  initial,
  onDone,
}: {
  transferId: string;
  initial?: Transfer;
  onDone: () => void;
}) {
  const live = useTransfer(transferId);
  const conference = useTransferStep('conference');
  const leave = useTransferStep('leave');
  const abandon = useTransferStep('abandon');
  const notify = useNotify();
  const t = live.data ?? initial;
  if (!t) return <Loading label="Loading your call…" />;
  const { brief } = t;
  const fail = (what: string) => (e: unknown) => notify(`${what}: ${describeError(e)}`, 'error');
  return (
    <section className="card brief" aria-labelledby="brief-title">
      <h2 id="brief-title">Brief · {brief.customer.name}</h2>
      <dl className="facts wide">
        <dt>Reasons</dt>
        <dd>
          <ul className="chips">
            {brief.reasons.map((r) => (
              <li key={r.code} className="chip">
                {r.label}
              </li>
            ))}
          </ul>
        </dd>
        <dt>Customer</dt>
        <dd>
          {brief.customer.name} · <PhoneLink phone={brief.customer.phone} name={brief.customer.name} />
          {brief.customer.email ? ` · ${brief.customer.email}` : ''} · {brief.customer.timeZone}
        </dd>
        <dt>Job</dt>
        <dd>
          {brief.job.number} · {brief.job.product} · {brief.job.status}
        </dd>
        <dt>Agent</dt>
        <dd>{brief.agent.name}</dd>
        <dt>Agent summary</dt>
        <dd className="quote">{brief.summary}</dd>
      </dl>
      <ol className="steps" aria-label="Call steps">
        <Step state="done">Answered</Step>
        <Step state={t.status === 'conferenced' || t.status === 'completed' ? 'done' : 'current'}>
          Customer conferenced in
        </Step>
        <Step state={t.status === 'completed' ? 'done' : t.status === 'conferenced' ? 'current' : 'todo'}>
          Agent left · you have the customer
        </Step>
      </ol>
      <div className="actions">
        {t.status === 'answered' && (
          <button
            type="button"
            className="button primary"
            disabled={conference.isPending}
            onClick={() => conference.mutate(t.id, { onError: fail('Conference failed') })}
          >
            Conference the customer in
          </button>
        )}
        {t.status === 'conferenced' && (
          <button
            type="button"
            className="button primary"
            disabled={leave.isPending}
            onClick={() => leave.mutate(t.id, { onError: fail('Could not finish') })}
          >
            Agent has left · take over
          </button>
        )}
        {t.status === 'answered' && (
          <button
            type="button"
            className="button"
            disabled={abandon.isPending}
            onClick={() => abandon.mutate(t.id, { onError: fail('Could not end the call') })}
          >
            End call · the customer was not conferenced in
          </button>
        )}
        {t.status === 'abandoned' && (
          <p role="status">The call ended before the customer was conferenced in.</p>
        )}
        <button type="button" className="button ghost" onClick={onDone}>
          {t.status === 'completed' || t.status === 'abandoned' ? 'Done' : 'Close brief'}
        </button>
      </div>
    </section>
  );
}

/** A call step marked in words and a symbol, not by colour alone. */
function Step({ state, children }: { state: 'done' | 'current' | 'todo'; children: string }) {
  return (
    <li className={`step step-${state}`} aria-current={state === 'current' ? 'step' : undefined}>
      <span aria-hidden="true">{state === 'done' ? '✓' : state === 'current' ? '→' : '○'}</span> {children}
      <span className="sr-only">{state === 'done' ? ' (done)' : state === 'current' ? ' (next)' : ''}</span>
    </li>
  );
}
