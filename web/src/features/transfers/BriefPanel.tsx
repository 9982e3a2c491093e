import { describeError } from '../../api/client';
import { useNotify } from '../../shared/components/toast';
import { type Brief, type Transfer, useTransfer, useTransferAction } from './api';

/** What the leader reads on answering: reasons, customer, job and the agent's summary; then the call steps. */
export function BriefPanel({
  transfer,
  brief,
  reasonLabels,
  onDone,
}: {
  transfer: Transfer;
  brief: Brief;
  reasonLabels: Map<string, string>;
  onDone: () => void;
}) {
  const live = useTransfer(transfer.id);
  const conference = useTransferAction('conference');
  const leave = useTransferAction('leave');
  const notify = useNotify();
  const status = live.data?.status ?? transfer.status;
  const reasons = brief.reasons ?? transfer.reasons ?? [];
  const customer = brief.customer;
  const job = brief.job;
  const fail = (what: string) => (e: unknown) => notify(`${what}: ${describeError(e)}`, 'error');
  return (
    <section className="card brief" aria-labelledby="brief-title">
      <h2 id="brief-title">Brief · {customer?.name ?? transfer.customerName}</h2>
      <dl className="facts wide">
        <dt>Reasons</dt>
        <dd>
          <ul className="chips">
            {reasons.map((code) => (
              <li key={code} className="chip">
                {reasonLabels.get(code) ?? code}
              </li>
            ))}
          </ul>
        </dd>
        <dt>Customer</dt>
        <dd>
          {customer?.name ?? transfer.customerName} {customer?.phone ? `· ${customer.phone}` : ''}{' '}
          {customer?.email ? `· ${customer.email}` : ''}
        </dd>
        <dt>Job</dt>
        <dd>
          {job?.number ?? transfer.jobNumber} {job?.product ? `· ${job.product}` : ''}{' '}
          {job?.status ? `· ${job.status}` : ''}
        </dd>
        <dt>Agent</dt>
        <dd>{brief.agent?.name ?? transfer.agentName ?? '—'}</dd>
        <dt>Agent summary</dt>
        <dd className="quote">{brief.summary ?? transfer.summary ?? '—'}</dd>
      </dl>
      <p className="muted">Call status: {status.replaceAll('_', ' ')}</p>
      <div className="actions">
        {status === 'answered' && (
          <button
            type="button"
            className="button primary"
            disabled={conference.isPending}
            onClick={() => conference.mutate(transfer.id, { onError: fail('Conference failed') })}
          >
            Start conference
          </button>
        )}
        {status !== 'answered' && status !== 'completed' && status !== 'done' && (
          <button
            type="button"
            className="button primary"
            disabled={leave.isPending}
            onClick={() =>
              leave.mutate(transfer.id, { onSuccess: onDone, onError: fail('Could not finish') })
            }
          >
            Agent has left · done
          </button>
        )}
        <button type="button" className="button ghost" onClick={onDone}>
          Close brief
        </button>
      </div>
    </section>
  );
}
