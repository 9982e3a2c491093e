import { Empty } from '../../shared/components/states';
import { Time } from '../../shared/components/time';
import { useServerNow } from '../../shared/ticker';
import { type Task, statusLabel, typeLabel } from './api';
import { promiseLabel } from './filters';

/**
 * Whether an open task is late: its due time passed, or a promise to the customer is broken or past
 * its due time. Said in words on the row, not by colour alone.
 */
export function isOverdue(task: Task, now: number): boolean {
  if (task.status === 'completed') return false;
  const isPast = (at: unknown) => typeof at === 'string' && Date.parse(at) < now;
  if (task.promise?.state === 'broken') return true;
  if (task.promise && task.promise.state !== 'kept' && isPast(task.promise.dueAt)) return true;
  return isPast(task.dueAt);
}

/** A task's contact promise: its state in words and the time it is about. */
export function PromiseState({ promise, zone }: { promise: Task['promise']; zone: string }) {
  if (!promise) return <span className="muted">—</span>;
  const tone = promise.state === 'broken' || promise.state === 'at_risk' ? ' danger' : '';
  return (
    <span className="promise-state">
      <span className={`badge promise-${promise.state}${tone}`}>{promiseLabel(promise.state)}</span>
      {promise.dueAt && (
        <span className="muted small">
          {' '}
          due <Time value={String(promise.dueAt)} zone={zone} />
        </span>
      )}
    </span>
  );
}

/** The Activities list: one row per task, a row opens the peek pane; late rows say so. */
export function TaskTable({
  tasks,
  zone,
  openId,
  onOpen,
}: {
  tasks: Task[];
  zone: string;
  openId?: string;
  onOpen: (id: string) => void;
}) {
  const now = useServerNow();
  if (tasks.length === 0) return <Empty>No tasks match these filters.</Empty>;
  return (
    <table className="table tasks">
      <caption className="sr-only">Tasks</caption>
      <thead>
        <tr>
          <th scope="col">Task</th>
          <th scope="col">Type</th>
          <th scope="col">Status</th>
          <th scope="col">Promise</th>
          <th scope="col">Team</th>
          <th scope="col">Assignee</th>
          <th scope="col">Due</th>
        </tr>
      </thead>
      <tbody>
        {tasks.map((t) => {
          const isLate = isOverdue(t, now);
          const classes = [openId === t.id ? 'selected' : '', isLate ? 'overdue' : ''].filter(Boolean);
          return (
            <tr key={t.id} className={classes.join(' ') || undefined}>
              <td>
                <button type="button" className="link-button" onClick={() => onOpen(t.id)}>
                  {t.title}
                </button>
                {t.jobNumber && <div className="muted small">Job {t.jobNumber}</div>}
              </td>
              <td>{typeLabel(t.type)}</td>
              <td>
                <span className={`badge status-${t.status}`}>{statusLabel(t.status)}</span>
              </td>
              <td>
                <PromiseState promise={t.promise} zone={zone} />
              </td>
              <td>{t.team?.name ?? '—'}</td>
              <td>{t.assignee?.name ?? 'Unassigned'}</td>
              <td>
                {t.dueAt ? <Time value={String(t.dueAt)} zone={zone} /> : '—'}
                {isLate && <span className="badge danger overdue-flag">Overdue</span>}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
