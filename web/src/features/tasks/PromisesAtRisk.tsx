import { Link } from 'react-router';
import { Empty, ErrorState, Loading } from '../../shared/components/states';
import { Time } from '../../shared/components/time';
import { useTasks } from './api';
import { PromiseState } from './TaskTable';

/**
 * Callback promises at risk or broken now, soonest due first, for supervisors and the desk: the open
 * callback tasks of their site whose promise to the customer needs someone. Each opens its task.
 * The list is the task list's, so it shows only what the person reaches.
 */
export function PromisesAtRisk({ site, zone }: { site?: string; zone: string }) {
  const tasks = useTasks({
    promise: 'at_risk,broken',
    status: 'open',
    sort: 'promise',
    ...(site ? { site } : {}),
  });
  const items = tasks.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section className="card" aria-labelledby="promises-at-risk">
      <h2 id="promises-at-risk">Promises at risk or broken</h2>
      {tasks.isPending ? (
        <Loading label="Loading promises…" />
      ) : tasks.error ? (
        <ErrorState error={tasks.error} onRetry={() => tasks.refetch()} />
      ) : items.length === 0 ? (
        <Empty>Every promise to a customer is on time.</Empty>
      ) : (
        <ul className="promise-list">
          {items.map((t) => (
            <li key={t.id}>
              <Link to={`/tasks?task=${t.id}`}>{t.title}</Link>
              <div className="small">
                <PromiseState promise={t.promise} zone={zone} />
              </div>
              <div className="muted small">
                {t.team.name} · {t.assignee?.name ?? 'Unassigned'}
                {t.dueAt && (
                  <>
                    {' '}
                    · task due <Time value={String(t.dueAt)} zone={zone} />
                  </>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      {tasks.hasNextPage && (
        <button type="button" className="button small" onClick={() => tasks.fetchNextPage()}>
          More
        </button>
      )}
    </section>
  );
}
