import { ErrorState, Loading } from '../../shared/components/states';
import { usePermission } from './api';
import { DenialNextStep } from './DenialNextStep';
import { OfferScript } from './OfferScript';

/**
 * The agent's view of a permission request: pending, then the answer as it arrives (live); the
 * callback offer to read, and after a denial the next step with its buttons.
 */
export function PermissionStatus({
  permissionId,
  onTransferAgain,
  onFinishCall,
}: {
  permissionId: string;
  /** After a denial: back to the Leadership Desk's live queue. */
  onTransferAgain?: () => void;
  /** After a denial: the call was resolved; clear the console for the next one. */
  onFinishCall?: () => void;
}) {
  const permission = usePermission(permissionId);
  if (permission.isPending) return <Loading label="Loading the request…" />;
  if (permission.error || !permission.data)
    return <ErrorState error={permission.error} onRetry={() => permission.refetch()} />;
  const p = permission.data;
  const who = p.decidedBy?.name ?? p.supervisor.name;
  return (
    <section className="card stack" aria-labelledby="permission-title">
      <h2 id="permission-title">Callback permission</h2>
      <div aria-live="polite">
        {p.status === 'pending' && (
          <p className="callout" role="status">
            <span className="spinner" aria-hidden="true" /> Waiting for {who} to answer. Keep the customer on
            the line.
          </p>
        )}
        {p.status === 'approved' && (
          <p className="callout success" role="status">
            ✓ <strong>Approved</strong> by {who}.{p.note ? ` Note: ${p.note}` : ''}
          </p>
        )}
        {p.status === 'denied' && (
          <p className="callout danger" role="status">
            ✕ <strong>Denied</strong> by {who}.{p.note ? ` Note: ${p.note}` : ''}
          </p>
        )}
      </div>
      {p.status !== 'denied' && <OfferScript isApproved={p.status === 'approved'} />}
      {p.status === 'denied' && (
        <DenialNextStep supervisorName={who} onTransferAgain={onTransferAgain} onFinishCall={onFinishCall} />
      )}
    </section>
  );
}
