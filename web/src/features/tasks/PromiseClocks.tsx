import { formatDuration } from '../../shared/time';
import { useServerNow } from '../../shared/ticker';
import { Time } from '../../shared/components/time';
import type { ContactPromise } from './api';

const promiseLabels: Record<string, string> = {
  first_contact: 'First call (window start + 5 min)',
  retry: 'Second call (missed attempt + 15 min)',
  reschedule_email: 'Voicemail and reschedule email',
};

/** Each contact promise with its live countdown, and whether it was kept or broken (in words). */
export function PromiseClocks({ promises, zone }: { promises: ContactPromise[]; zone: string }) {
  const now = useServerNow();
  if (promises.length === 0) return <p className="muted">No contact promises on this task.</p>;
  return (
    <ul className="promises" aria-label="Contact promises">
      {promises.map((p) => {
        const left = Math.floor((Date.parse(p.dueAt) - now) / 1000);
        const state = p.keptAt
          ? 'kept'
          : p.brokenAt
            ? 'broken'
            : left < 0
              ? 'overdue'
              : left < 120
                ? 'due-soon'
                : 'open';
        return (
          <li key={`${p.kind}-${p.dueAt}`} className={`promise promise-${state}`}>
            <span className="promise-kind">{promiseLabels[p.kind] ?? p.kind}</span>
            <span className="promise-due">
              due <Time value={p.dueAt} zone={zone} withDate={false} />
            </span>
            <span
              className="promise-state"
              role={state === 'due-soon' || state === 'overdue' ? 'timer' : undefined}
            >
              {state === 'kept' && '✓ kept'}
              {state === 'broken' && '✕ broken'}
              {state === 'overdue' && `⚠ overdue by ${formatDuration(-left)}`}
              {(state === 'open' || state === 'due-soon') && `${formatDuration(left)} left`}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
