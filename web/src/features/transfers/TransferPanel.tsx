import { describeError } from '../../api/client';
import { ErrorState, Loading } from '../../shared/components/states';
import { WaitClock } from '../../shared/components/time';
import { useNotify } from '../../shared/components/toast';
import { humanize } from '../../shared/text';
import { formatDuration, formatEstimate } from '../../shared/time';
import { secondsSince, useServerNow } from '../../shared/ticker';
import { type EnqueuedTransfer, type Transfer, useStartTransfer, useTransfer, useTransferStep } from './api';

/** Whether a waiting transfer has passed its site's threshold, by the server flag or the shared clock. */
export function hasReachedThreshold(transfer: Transfer, serverNow: number): boolean {
  if (transfer.thresholdReached) return true;
  if (transfer.status !== 'waiting') return false;
  return secondsSince(String(transfer.enqueuedAt), serverNow) >= transfer.thresholdSeconds;
}

/**
 * The agent's side of a live transfer: start it, watch the wait clock against the estimate, and at
 * the threshold be told to leave the queue and ask for callback permission.
 */
export function TransferPanel({
  escalationId,
  transferId,
  onTransferred,
  onLeaveAndAsk,
  isAsking,
}: {
  escalationId: string;
  transferId: string | undefined;
  onTransferred: (transfer: EnqueuedTransfer) => void;
  onLeaveAndAsk: () => void;
  isAsking: boolean;
}) {
  const start = useStartTransfer();
  const notify = useNotify();
  if (!transferId) {
    return (
      <section className="card" aria-labelledby="transfer-title">
        <h2 id="transfer-title">Live transfer</h2>
        <p>Put the customer in the Leadership Desk queue. You will see the estimated wait first.</p>
        <div className="actions">
          <button
            type="button"
            className="button primary"
            disabled={start.isPending}
            onClick={() =>
              start.mutate(escalationId, {
                onSuccess: onTransferred,
                onError: (e) => notify(`Transfer not started: ${describeError(e)}`, 'error'),
              })
            }
          >
            Transfer to Leadership Desk
          </button>
          <button type="button" className="button" disabled={isAsking} onClick={onLeaveAndAsk}>
            Ask supervisor for callback permission
          </button>
        </div>
      </section>
    );
  }
  return <TransferStatus transferId={transferId} onLeaveAndAsk={onLeaveAndAsk} isAsking={isAsking} />;
}

function TransferStatus({
  transferId,
  onLeaveAndAsk,
  isAsking,
}: {
  transferId: string;
  onLeaveAndAsk: () => void;
  isAsking: boolean;
}) {
  const transfer = useTransfer(transferId);
  const conference = useTransferStep('conference');
  const leave = useTransferStep('leave');
  const abandon = useTransferStep('abandon');
  const notify = useNotify();
  const serverNow = useServerNow();
  if (transfer.isPending) return <Loading label="Loading the transfer…" />;
  if (transfer.error || !transfer.data)
    return <ErrorState error={transfer.error} onRetry={() => transfer.refetch()} />;
  const t = transfer.data;
  const isWaiting = t.status === 'waiting';
  const isOverThreshold = hasReachedThreshold(t, serverNow);
  const leader = t.answeredBy?.name;
  const fail = (what: string) => (e: unknown) => notify(`${what}: ${describeError(e)}`, 'error');

  return (
    <section className="card" aria-labelledby="transfer-title">
      <h2 id="transfer-title">Live transfer · {t.siteName}</h2>
      {isWaiting && (
        <div className={isOverThreshold ? 'wait-board over' : 'wait-board'}>
          <div>
            <span className="label">Waiting</span>
            <WaitClock since={String(t.enqueuedAt)} label="Customer waiting" />
          </div>
          <div>
            <span className="label">Estimated wait</span>
            <span className="big">
              {t.estimatedWaitSeconds === null ? 'nobody available' : formatEstimate(t.estimatedWaitSeconds)}
            </span>
          </div>
          <div>
            <span className="label">Threshold</span>
            <span className="big">{formatDuration(t.thresholdSeconds)}</span>
          </div>
        </div>
      )}
      {isWaiting &&
        !isOverThreshold &&
        (t.estimatedWaitSeconds === null || t.estimatedWaitSeconds > t.thresholdSeconds) && (
          <p className="callout warning" role="status">
            A long wait is foreseen (
            {t.estimatedWaitSeconds === null
              ? 'nobody on the desk is available'
              : `about ${Math.round(t.estimatedWaitSeconds / 60)} min`}
            ). You may ask your supervisor for callback permission now.
          </p>
        )}
      {isWaiting && isOverThreshold && (
        <div className="callout warning" role="alert">
          <strong>⚠ The customer has waited past the threshold.</strong> Leave the queue and ask your
          supervisor for permission to book a callback.
          <div className="actions">
            <button
              type="button"
              className="button primary"
              disabled={isAsking || abandon.isPending}
              onClick={() =>
                abandon.mutate(t.id, { onSuccess: onLeaveAndAsk, onError: fail('Could not leave the queue') })
              }
            >
              Leave queue and ask permission
            </button>
          </div>
        </div>
      )}
      {isWaiting && !isOverThreshold && (
        <div className="actions">
          <button
            type="button"
            className="button"
            disabled={abandon.isPending}
            onClick={() => abandon.mutate(t.id, { onError: fail('Could not leave the queue') })}
          >
            Leave the queue
          </button>
        </div>
      )}
      {!isWaiting && (
        <div className="callout" role="status">
          <p>
            <strong>Status: {humanize(t.status)}</strong>
            {leader ? ` · answered by ${leader}` : ''}
          </p>
          {t.status === 'answered' && (
            <p>{leader} has the brief. Conference the customer in, then leave the call.</p>
          )}
          {t.status === 'completed' && <p>✓ {leader} has taken over the call. The job is notated.</p>}
          {t.status === 'answered' && (
            <div className="actions">
              <button
                type="button"
                className="button primary"
                disabled={conference.isPending}
                onClick={() => conference.mutate(t.id, { onError: fail('Conference failed') })}
              >
                Conference the customer in
              </button>
            </div>
          )}
          {t.status === 'conferenced' && (
            <div className="actions">
              <button
                type="button"
                className="button primary"
                disabled={leave.isPending}
                onClick={() => leave.mutate(t.id, { onError: fail('Could not leave the call') })}
              >
                Leave the call
              </button>
            </div>
          )}
          {t.status === 'abandoned' && (
            <div className="actions">
              <button type="button" className="button" disabled={isAsking} onClick={onLeaveAndAsk}>
                Ask supervisor for callback permission
              </button>
            </div>
          )}
        </div>
      )}
    </section>
  );
}
