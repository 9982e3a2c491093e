import { ErrorState, Loading } from '../../shared/components/states';
import { usePermission } from './api';

/** The agent's view of a permission request: pending, then the answer as it arrives (live). */
export function PermissionStatus({ permissionId }: { permissionId: string }) {
  const permission = usePermission(permissionId);
  if (permission.isPending) return <Loading label="Loading the request…" />;
  if (permission.error || !permission.data)
    return <ErrorState error={permission.error} onRetry={() => permission.refetch()} />;
  const p = permission.data;
  const who = p.decidedBy?.name ?? p.supervisor.name;
  return (
    <section className="card" aria-labelledby="permission-title" aria-live="polite">
      <h2 id="permission-title">Callback permission</h2>
      {p.status === 'pending' && (
        <p className="callout" role="status">
          <span className="spinner" aria-hidden="true" /> Waiting for {who} to answer. Keep the customer on
          the line.
        </p>
      )}
      {p.status === 'approved' && (
        <p className="callout success" role="status">
          ✓ <strong>Approved</strong> by {who}. Book the callback below.{p.note ? ` Note: ${p.note}` : ''}
        </p>
      )}
      {p.status === 'denied' && (
        <p className="callout danger" role="status">
          ✕ <strong>Denied</strong> by {who}.{p.note ? ` Note: ${p.note}` : ''} Follow your supervisor’s
          guidance.
        </p>
      )}
    </section>
  );
}
