import { Empty } from '../../shared/components/states';
import { Time } from '../../shared/components/time';
import { type Task, statusLabel, typeLabel } from './api';

/** The Activities list: one row per task, a row opens the peek pane. */
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
  if (tasks.length === 0) return <Empty>No tasks match these filters.</Empty>;
  return (
    <table className="table tasks">
      <caption className="sr-only">Tasks</caption>
      <thead>
        <tr>
          <th scope="col">Task</th>
          <th scope="col">Type</th>
          <th scope="col">Status</th>
          <th scope="col">Team</th>
          <th scope="col">Assignee</th>
          <th scope="col">Due</th>
        </tr>
      </thead>
      <tbody>
        {tasks.map((t) => (
          <tr key={t.id} className={openId === t.id ? 'selected' : undefined}>
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
            <td>{t.team?.name ?? '—'}</td>
            <td>{t.assignee?.name ?? 'Unassigned'}</td>
            <td>{t.dueAt ? <Time value={t.dueAt} zone={zone} /> : '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
