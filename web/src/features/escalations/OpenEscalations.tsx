import { humanize } from '../../shared/text';
import { type OpenEscalation, useMyOpenEscalations } from './api';

const transferWords: Record<string, string> = {
  waiting: 'waiting in the desk queue',
  answered: 'answered by the desk',
  conferenced: 'customer conferenced in',
};
const permissionWords: Record<string, string> = {
  pending: 'callback permission asked, waiting for the supervisor',
  approved: 'callback permission approved: book the callback',
  denied: 'callback permission denied',
};

/** Where an open escalation stands, in words: the live transfer first, else the permission, else its status. */
function describeState(e: OpenEscalation): string {
  if (e.transfer) return `Transfer ${transferWords[e.transfer.status] ?? humanize(e.transfer.status)}`;
  if (e.permission) return humanize(permissionWords[e.permission.status] ?? e.permission.status);
  return humanize(e.status);
}

/**
 * The agent's escalations that still need them, kept by the server: on a job that has one, a
 * banner with the way back into it (so a new sign-in or a reload does not start a duplicate);
 * without a job, the list of all of them.
 */
export function OpenEscalations({
  jobNumber,
  onResume,
}: {
  jobNumber?: string;
  onResume: (e: OpenEscalation) => void;
}) {
  const open = useMyOpenEscalations(jobNumber);
  const items = open.data ?? [];
  if (items.length === 0) return null;
  const title = jobNumber ? `Job ${jobNumber} has an open escalation` : 'Your open escalations';
  return (
    <section className={jobNumber ? 'card callout warning' : 'card'} aria-labelledby="open-escalations-title">
      <h2 id="open-escalations-title">{title}</h2>
      <ul className="plain-list">
        {items.map((e) => (
          <li key={e.id}>
            <strong>{e.customerName}</strong> · job {e.jobNumber} · {describeState(e)}
            <div className="muted small">{e.summary}</div>
            <button
              type="button"
              className="button primary small"
              aria-label={`Resume the escalation on job ${e.jobNumber} (${e.customerName})`}
              onClick={() => onResume(e)}
            >
              Resume
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
