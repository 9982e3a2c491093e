import { Fragment, type ReactNode } from 'react';
import { Link } from 'react-router';
import { describeError } from '../../api/client';
import { QueryState } from '../../shared/components/states';
import { Time } from '../../shared/components/time';
import { useNotify } from '../../shared/components/toast';
import { describeTeamKind, humanize } from '../../shared/text';
import { AttemptForm, outcomes } from './AttemptForm';
import { CompleteForm } from './CompleteForm';
import { PromiseClocks } from './PromiseClocks';
import {
  type TaskDetail as Detail,
  statuses,
  statusLabel,
  typeLabel,
  useAttempts,
  useEscalationReasons,
  useTask,
  useUpdateTask,
} from './api';
import { PhoneLink } from '../../shared/components/phone';

/**
 * One task: its facts, status, promise clocks, call attempts and completion. Used in the peek
 * pane and as the full form; `research` is the job panel the page passes in.
 */
export function TaskDetail({
  taskId,
  zone,
  research,
  meId,
  actions,
}: {
  taskId: string;
  zone: string;
  meId: string;
  research?: (jobNumber: string) => ReactNode;
  actions?: ReactNode;
}) {
  const task = useTask(taskId);
  return (
    <QueryState query={task} label="Loading the task…">
      {(t) => <TaskBody task={t} zone={zone} research={research} meId={meId} actions={actions} />}
    </QueryState>
  );
}

function TaskBody({
  task: t,
  zone,
  research,
  meId,
  actions,
}: {
  task: Detail;
  zone: string;
  meId: string;
  research?: (jobNumber: string) => ReactNode;
  actions?: ReactNode;
}) {
  const update = useUpdateTask();
  const attempts = useAttempts(t.id, t.type === 'callback');
  const reasons = useEscalationReasons();
  // A detail that holds a catalog code reads as its label.
  const describeDetail = (name: string, value: unknown) =>
    name === 'escalationType'
      ? (reasons.data?.find((r) => r.code === value)?.label ?? humanize(String(value)))
      : String(value);
  const notify = useNotify();
  const isDone = t.status === 'completed';
  const move = (status: Detail['status']) =>
    update.mutate(
      { id: t.id, patch: { status } },
      { onError: (e) => notify(`Not changed: ${describeError(e)}`, 'error') },
    );
  return (
    <article className="task-detail" aria-labelledby={`task-${t.id}`}>
      <header className="task-head">
        <div>
          <p className="muted small">
            {typeLabel(t.type)} · {t.team?.name ?? 'no team'}{' '}
            {t.team?.kind ? `(${describeTeamKind(t.team.kind)})` : ''}
          </p>
          <h2 id={`task-${t.id}`}>{t.title}</h2>
        </div>
        {actions}
      </header>
      <dl className="facts wide">
        <dt>Status</dt>
        <dd>
          <span className={`badge status-${t.status}`}>{statusLabel(t.status)}</span>
        </dd>
        <dt>Assignee</dt>
        <dd>
          {t.assignee?.name ?? 'Unassigned (team queue)'}{' '}
          {!isDone && t.assigneeId !== meId && (
            <button
              type="button"
              className="button small ghost"
              onClick={() =>
                update.mutate(
                  { id: t.id, patch: { assigneeId: meId } },
                  { onError: (e) => notify(describeError(e), 'error') },
                )
              }
            >
              Assign to me
            </button>
          )}
        </dd>
        <dt>Due</dt>
        <dd>{t.dueAt ? <Time value={t.dueAt} zone={zone} /> : '—'}</dd>
        {t.customerId && (
          <>
            <dt>Customer</dt>
            <dd>
              <Link to={`/tasks/customers/${t.customerId}`}>{t.customerName ?? 'Customer view'}</Link>
              {t.customerPhone ? (
                <>
                  {' · '}
                  <PhoneLink phone={t.customerPhone} name={t.customerName ?? undefined} />
                </>
              ) : null}
            </dd>
          </>
        )}
        {Object.entries(t.details ?? {})
          .filter(
            ([name, value]) =>
              !/id$/i.test(name) && value !== null && value !== '' && typeof value !== 'object',
          )
          .map(([name, value]) => (
            <Fragment key={name}>
              <dt>{humanize(name.replace(/([A-Z])/g, '_$1').toLowerCase())}</dt>
              <dd>
                {typeof value === 'string' && /^\d{4}-\d\d-\d\dT/.test(value) ? (
                  <Time value={value} zone={zone} />
                ) : (
                  describeDetail(name, value)
                )}
              </dd>
            </Fragment>
          ))}
      </dl>
      {!isDone && (
        <fieldset className="status-buttons">
          <legend className="sr-only">Set status</legend>
          {statuses
            .filter(([s]) => s !== 'completed' && s !== t.status && t.allowedStatuses.includes(s))
            .map(([s, label]) => (
              <button key={s} type="button" className="button small" onClick={() => move(s)}>
                Set {label}
              </button>
            ))}
        </fieldset>
      )}
      {t.type === 'callback' && (
        <section aria-labelledby={`promises-${t.id}`}>
          <h3 id={`promises-${t.id}`}>Contact promises</h3>
          <PromiseClocks promises={t.promises ?? []} zone={zone} />
          <h3>Call attempts</h3>
          {(attempts.data ?? []).length === 0 ? (
            <p className="muted">No attempts yet.</p>
          ) : (
            <ol className="plain-list" aria-label="Call attempts">
              {(attempts.data ?? []).map((a) => (
                <li key={a.id}>
                  <Time value={String(a.at)} zone={zone} /> ·{' '}
                  {outcomes.find(([k]) => k === a.outcome)?.[1] ?? a.outcome}
                  {` · ${a.byName}`}
                  {a.isEarly ? ' · before the window' : ''}
                  {a.note ? ` — ${a.note}` : ''}
                </li>
              ))}
            </ol>
          )}
          {!isDone && <AttemptForm taskId={t.id} />}
        </section>
      )}
      {!isDone ? (
        <section aria-labelledby={`complete-${t.id}`}>
          <h3 id={`complete-${t.id}`}>Complete</h3>
          <CompleteForm taskId={t.id} taskType={t.type} />
        </section>
      ) : (
        <p className="callout success">
          ✓ Completed
          {t.completedAt ? (
            <>
              {' '}
              <Time value={t.completedAt} zone={zone} />
            </>
          ) : null}
          {t.resolution ? ` · ${t.resolution.label}` : ''}
        </p>
      )}
      {t.jobNumber && research && (
        <section aria-label="Job research" className="research-slot">
          {research(t.jobNumber)}
        </section>
      )}
    </article>
  );
}
