import { useEffect, useRef, useState } from 'react';
import { NavLink, useLocation, useNavigate, useParams } from 'react-router';
import { JobResearch } from '../../features/jobs/JobResearch';
import type { Me } from '../../features/session/api';
import { Board } from '../../features/tasks/Board';
import { CustomerViewPanel } from '../../features/tasks/CustomerViewPanel';
import { TaskDetail } from '../../features/tasks/TaskDetail';
import { NewTaskForm } from '../../features/tasks/NewTaskForm';
import { PromiseFilters, ReportFilterNote } from '../../features/tasks/PromiseFilters';
import { TaskTable } from '../../features/tasks/TaskTable';
import { statuses, taskTypes, useTasks } from '../../features/tasks/api';
import {
  loadViews,
  type SavedView,
  saveViews,
  useOpenTask,
  useTaskFilters,
} from '../../features/tasks/filters';
import { ErrorState, Loading } from '../../shared/components/states';
import { localZone } from '../../shared/time';

type Mode = 'list' | 'mine' | 'board';

/** Activities, My Tasks and the Board share filters (in the URL) and the peek pane (`?task=`). */
export function TasksPage({ me, mode }: { me: Me; mode: Mode }) {
  const location = useLocation();
  const [filters, setFilters] = useTaskFilters();
  const [openId, open] = useOpenTask();
  const zone = me.siteTimeZone ?? localZone();
  const query = mode === 'mine' ? { ...filters, assignee: 'me' } : filters;
  const tasks = useTasks(query);
  const items = tasks.data?.pages.flatMap((p) => p.items) ?? [];
  const research = (number: string) => <JobResearch number={number} zone={zone} compact />;
  const [isCreating, setCreating] = useState(false);

  useEffect(() => {
    const close = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && openId) open(undefined);
    };
    window.addEventListener('keydown', close);
    return () => window.removeEventListener('keydown', close);
  }, [openId, open]);

  return (
    <div className={openId ? 'tasks-page with-pane' : 'tasks-page'}>
      <div className="tasks-main">
        <header className="page-head">
          <h1>{mode === 'board' ? 'Task board' : mode === 'mine' ? 'My tasks' : 'Activities'}</h1>
          <nav aria-label="Task views" className="tabs">
            <NavLink to={{ pathname: '/tasks', search: location.search }} end className="tab">
              Activities
            </NavLink>
            <NavLink to={{ pathname: '/tasks/mine', search: location.search }} className="tab">
              My tasks
            </NavLink>
            <NavLink to={{ pathname: '/tasks/board', search: location.search }} className="tab">
              Board
            </NavLink>
          </nav>
          <button type="button" className="button small" onClick={() => setCreating(true)}>
            New task
          </button>
        </header>
        {isCreating && (
          <NewTaskForm
            onCreated={(id) => {
              setCreating(false);
              open(id);
            }}
            onCancel={() => setCreating(false)}
          />
        )}
        <FilterBar filters={filters} setFilters={setFilters} mode={mode} />
        <ReportFilterNote
          filters={filters}
          setFilters={setFilters}
          zone={zone}
          teamName={items.find((t) => t.team.id === filters.teamId)?.team.name}
        />
        {tasks.isPending ? (
          <Loading label="Loading tasks…" />
        ) : tasks.error ? (
          <ErrorState error={tasks.error} onRetry={() => tasks.refetch()} />
        ) : mode === 'board' ? (
          <Board tasks={items} zone={zone} onOpen={open} />
        ) : (
          <TaskTable tasks={items} zone={zone} openId={openId} onOpen={open} />
        )}
        {tasks.hasNextPage && (
          <button
            type="button"
            className="button"
            onClick={() => tasks.fetchNextPage()}
            disabled={tasks.isFetchingNextPage}
          >
            Load more
          </button>
        )}
      </div>
      {openId && (
        <aside className="pane" aria-label="Task details">
          <TaskDetail
            taskId={openId}
            zone={zone}
            meId={me.id}
            research={research}
            actions={
              <div className="pane-actions">
                <NavLink to={`/tasks/${openId}`} className="button small ghost">
                  Open full form
                </NavLink>
                <button
                  type="button"
                  className="icon-button"
                  aria-label="Close task pane"
                  onClick={() => open(undefined)}
                >
                  ×
                </button>
              </div>
            }
          />
        </aside>
      )}
    </div>
  );
}

function FilterBar({
  filters,
  setFilters,
  mode,
}: {
  filters: Record<string, string | undefined>;
  setFilters: (p: Record<string, string | undefined>) => void;
  mode: Mode;
}) {
  const location = useLocation();
  const navigate = useNavigate();
  const [views, setViews] = useState<SavedView[]>(loadViews);
  const [naming, setNaming] = useState<string | null>(null);
  const saveCurrent = (name: string) => {
    setNaming(null);
    if (!name.trim()) return;
    const params = new URLSearchParams(location.search);
    params.delete('task');
    const next = [
      ...views.filter((v) => v.name !== name.trim()),
      { name: name.trim(), query: `${location.pathname}?${params}` },
    ];
    setViews(next);
    saveViews(next);
  };
  return (
    <fieldset className="filters">
      <legend className="sr-only">Filters</legend>
      {mode !== 'board' && (
        <label className="field">
          <span>Status</span>
          <select
            value={filters.status ?? ''}
            onChange={(e) => setFilters({ status: e.target.value || undefined })}
          >
            <option value="">Any</option>
            {statuses.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
      )}
      <label className="field">
        <span>Type</span>
        <select
          value={filters.type ?? ''}
          onChange={(e) => setFilters({ type: e.target.value || undefined })}
        >
          <option value="">Any</option>
          {taskTypes.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <PromiseFilters filters={filters} setFilters={setFilters} />
      {mode !== 'mine' && (
        <label className="field checkbox">
          <input
            type="checkbox"
            checked={filters.assignee === 'me'}
            onChange={(e) => setFilters({ assignee: e.target.checked ? 'me' : undefined })}
          />
          Only mine
        </label>
      )}
      <label className="field">
        <span>Saved views</span>
        <select value="" onChange={(e) => e.target.value && navigate(e.target.value)}>
          <option value="">Choose a view…</option>
          {views.map((v) => (
            <option key={v.name} value={v.query}>
              {v.name}
            </option>
          ))}
        </select>
      </label>
      {naming === null ? (
        <button type="button" className="button small" onClick={() => setNaming('')}>
          Save this view
        </button>
      ) : (
        <ViewNameInput
          value={naming}
          onChange={setNaming}
          onSave={saveCurrent}
          onCancel={() => setNaming(null)}
        />
      )}
    </fieldset>
  );
}

/** Names the current filters as a saved view: Enter saves, Escape cancels. */
function ViewNameInput({
  value,
  onChange,
  onSave,
  onCancel,
}: {
  value: string;
  onChange: (v: string) => void;
  onSave: (v: string) => void;
  onCancel: () => void;
}) {
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);
  return (
    <span className="inline-form">
      <label className="field">
        <span>View name</span>
        <input
          ref={input}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') onSave(value);
            if (e.key === 'Escape') {
              e.stopPropagation();
              onCancel();
            }
          }}
        />
      </label>
      <button type="button" className="button small primary" onClick={() => onSave(value)}>
        Save
      </button>
    </span>
  );
}

export function TaskFullPage({ me }: { me: Me }) {
  const { id } = useParams();
  const navigate = useNavigate();
  const zone = me.siteTimeZone ?? localZone();
  return (
    <div className="task-full card">
      <TaskDetail
        taskId={id!}
        zone={zone}
        meId={me.id}
        research={(number) => <JobResearch number={number} zone={zone} />}
        actions={
          <button type="button" className="button small ghost" onClick={() => navigate(-1)}>
            Back
          </button>
        }
      />
    </div>
  );
}

export function CustomerPage({ me }: { me: Me }) {
  const { id } = useParams();
  const navigate = useNavigate();
  const zone = me.siteTimeZone ?? localZone();
  return (
    <CustomerViewPanel customerId={id!} zone={zone} onOpenTask={(taskId) => navigate(`/tasks/${taskId}`)} />
  );
}
