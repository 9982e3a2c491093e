import { describeError } from '../../api/client';
import { Empty, QueryState } from '../../shared/components/states';
import { WaitClock } from '../../shared/components/time';
import { useNotify } from '../../shared/components/toast';
import { formatEstimate } from '../../shared/time';
import { secondsSince, useServerNow } from '../../shared/ticker';
import { type Brief, type Transfer, useDeskQueue, useTransferAction } from './api';

/**
 * A site's live queue, longest wait first. Rows keep their order and height as clocks tick, so
 * nothing jumps under the pointer; answering is the request's own, a 409 says someone was faster.
 */
export function DeskQueue({
  site,
  reasonLabels,
  onAnswered,
}: {
  site: string;
  reasonLabels: Map<string, string>;
  onAnswered: (transfer: Transfer, brief: Brief) => void;
}) {
  const queue = useDeskQueue(site);
  const answer = useTransferAction('answer');
  const notify = useNotify();
  const serverNow = useServerNow();
  return (
    <section className="card" aria-labelledby="queue-title">
      <h2 id="queue-title">Live queue · {site}</h2>
      <QueryState query={queue} label="Loading the queue…">
        {(items) => {
          const waiting = [...items].sort((a, b) => Date.parse(a.enqueuedAt) - Date.parse(b.enqueuedAt));
          if (waiting.length === 0)
            return <Empty>Nobody is waiting. New transfers appear here at once.</Empty>;
          return (
            <table className="table queue">
              <caption className="sr-only">Transfers waiting for the desk, longest wait first</caption>
              <thead>
                <tr>
                  <th scope="col">Waiting</th>
                  <th scope="col">Customer</th>
                  <th scope="col">Reasons</th>
                  <th scope="col">Agent</th>
                  <th scope="col">
                    <span className="sr-only">Action</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {waiting.map((t) => {
                  const isOver = t.thresholdSeconds
                    ? secondsSince(t.enqueuedAt, serverNow) >= t.thresholdSeconds
                    : false;
                  return (
                    <tr key={t.id} className={isOver ? 'over' : undefined}>
                      <td>
                        <WaitClock since={t.enqueuedAt} label={`${t.customerName ?? 'Customer'} waiting`} />
                        {isOver && <span className="badge danger">over threshold</span>}
                        <div className="muted small">est. {formatEstimate(t.estimatedWaitSeconds)}</div>
                      </td>
                      <td>
                        <strong>{t.customerName ?? '—'}</strong>
                        <div className="muted small">Job {t.jobNumber ?? '—'}</div>
                      </td>
                      <td>
                        <ul className="chips">
                          {(t.reasons ?? []).map((code) => (
                            <li key={code} className="chip">
                              {reasonLabels.get(code) ?? code}
                            </li>
                          ))}
                        </ul>
                      </td>
                      <td>{t.agentName ?? '—'}</td>
                      <td>
                        <button
                          type="button"
                          className="button primary"
                          disabled={answer.isPending}
                          aria-label={`Answer ${t.customerName ?? 'transfer'} (job ${t.jobNumber ?? ''})`}
                          onClick={() =>
                            answer.mutate(t.id, {
                              onSuccess: (brief) => onAnswered(t, brief),
                              onError: (e) => notify(describeError(e), 'error'),
                            })
                          }
                        >
                          Answer
                        </button>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          );
        }}
      </QueryState>
    </section>
  );
}
