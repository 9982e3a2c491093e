import { ApiError, describeError } from '../../api/client';
import { Empty, QueryState } from '../../shared/components/states';
import { WaitClock } from '../../shared/components/time';
import { useNotify } from '../../shared/components/toast';
import { humanize } from '../../shared/text';
import { formatEstimate } from '../../shared/time';
import { secondsSince, useServerNow } from '../../shared/ticker';
import { type QueueItem, type Transfer, useDeskQueue, useTransferStep } from './api';

/**
 * A site's live queue, longest wait first. Rows keep their order and height as clocks tick, so
 * nothing jumps under the pointer; the answer is one person's, and a 409 says someone was faster.
 */
export function DeskQueue({
  site,
  siteName,
  meId,
  reasonLabels,
  onAnswered,
  onOpenCall,
}: {
  site: string;
  siteName: string;
  meId: string;
  reasonLabels: Map<string, string>;
  onAnswered: (transfer: Transfer) => void;
  /** Shows the brief of a call this member holds (after a reload, or when answering refused because of it). */
  onOpenCall: (transferId: string) => void;
}) {
  const queue = useDeskQueue(site);
  const answer = useTransferStep('answer');
  const notify = useNotify();
  const serverNow = useServerNow();
  return (
    <section className="card" aria-labelledby="queue-title">
      <QueryState query={queue} label="Loading the queue…">
        {(q) => (
          <>
            <header className="section-head">
              <h2 id="queue-title">Live queue · {siteName}</h2>
              <span className="muted">
                {q.availableMembers} available · {q.items.length} waiting · {q.inProgress.length} on calls
              </span>
            </header>
            {q.items.length === 0 ? (
              <Empty>Nobody is waiting. New transfers appear here at once.</Empty>
            ) : (
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
                  {q.items.map((t: QueueItem) => {
                    const isOver =
                      t.thresholdReached ||
                      secondsSince(String(t.enqueuedAt), serverNow) >= t.thresholdSeconds;
                    return (
                      <tr key={t.id} className={isOver ? 'over' : undefined}>
                        <td>
                          <WaitClock since={String(t.enqueuedAt)} label={`${t.customerName} waiting`} />
                          {isOver && <span className="badge danger">over threshold</span>}
                          <div className="muted small">
                            est.{' '}
                            {t.estimatedWaitSeconds === null ? '—' : formatEstimate(t.estimatedWaitSeconds)}
                          </div>
                        </td>
                        <td>
                          <strong>{t.customerName}</strong>
                          <div className="muted small">Job {t.jobNumber}</div>
                        </td>
                        <td>
                          <ul className="chips">
                            {t.reasons.map((code) => (
                              <li key={code} className="chip">
                                {reasonLabels.get(code) ?? code}
                              </li>
                            ))}
                          </ul>
                        </td>
                        <td>{t.agent.name}</td>
                        <td>
                          <button
                            type="button"
                            className="button primary"
                            disabled={answer.isPending}
                            aria-label={`Answer ${t.customerName} (job ${t.jobNumber})`}
                            onClick={() =>
                              answer.mutate(t.id, {
                                onSuccess: onAnswered,
                                onError: (e) => {
                                  notify(describeError(e), 'error');
                                  // Refused because we already hold a call: put that call in front of us.
                                  const held = e instanceof ApiError ? e.body.transferId : undefined;
                                  if (
                                    e instanceof ApiError &&
                                    e.code === 'conflict' &&
                                    typeof held === 'string'
                                  ) {
                                    onOpenCall(held);
                                  }
                                },
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
            )}
            {q.inProgress.length > 0 && (
              <>
                <h3>On calls now</h3>
                <ul className="plain-list">
                  {q.inProgress.map((t) => (
                    <li key={t.id}>
                      {t.customerName} (job {t.jobNumber}) · {humanize(t.status)} ·{' '}
                      {t.answeredBy?.id === meId ? 'you' : (t.answeredBy?.name ?? '—')} with {t.agent.name}
                      {t.answeredBy?.id === meId && (
                        <>
                          {' '}
                          <button
                            type="button"
                            className="button small"
                            aria-label={`Open call with ${t.customerName} (job ${t.jobNumber})`}
                            onClick={() => onOpenCall(t.id)}
                          >
                            Open call
                          </button>
                        </>
                      )}
                    </li>
                  ))}
                </ul>
              </>
            )}
          </>
        )}
      </QueryState>
    </section>
  );
}
