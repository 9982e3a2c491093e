import { type FormEvent, useId, useState } from 'react';
import { useSearchParams } from 'react-router';
import { describeError } from '../../api/client';
import { Empty, QueryState } from '../../shared/components/states';
import { useNotify } from '../../shared/components/toast';
import {
  FormField,
  FormMessage,
  fieldErrorsFound,
  fieldErrorsOf,
  RequiredLegend,
  useFieldErrors,
} from '../../shared/field-errors';
import { formatDay, zoneName } from '../../shared/time';
import { type Row, type Site, useAdminList, useSites } from './api';
import {
  type Schedule,
  type ScheduleException,
  type SiteSchedules,
  useAddSchedule,
  useAddScheduleException,
  useChangeSchedule,
  useRemoveSchedule,
  useRemoveScheduleException,
  useSiteSchedules,
} from './schedules-api';

const weekdays = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
/** Roles that staff a Leadership Desk (the server refuses others). */
const deskRoles = new Set(['supervisor', 'lead', 'sme']);

type Member = { id: string; name: string };

/** Every site's desk hours and holidays, one site at a time (the site is in the URL). */
export function Schedules() {
  const sites = useSites();
  const [params, setParams] = useSearchParams();
  const id = useId();
  return (
    <section className="card" aria-labelledby="admin-schedules">
      <header className="section-head">
        <h2 id="admin-schedules">Desk schedules and holidays</h2>
      </header>
      <QueryState query={sites} label="Loading sites…">
        {(rows) => {
          const slug = params.get('site') ?? rows[0]?.slug ?? '';
          const site = rows.find((s) => s.slug === slug) ?? rows[0];
          if (!site) return <Empty>No sites yet.</Empty>;
          return (
            <>
              <div className="field">
                <label htmlFor={`${id}-site`}>Site</label>
                <select
                  id={`${id}-site`}
                  value={site.slug}
                  onChange={(e) => setParams({ site: e.target.value }, { replace: true })}
                >
                  {rows.map((s) => (
                    <option key={s.slug} value={s.slug}>
                      {s.name}
                    </option>
                  ))}
                </select>
              </div>
              <SiteSchedulesView key={site.slug} site={site} />
            </>
          );
        }}
      </QueryState>
    </section>
  );
}

function SiteSchedulesView({ site }: { site: Site }) {
  const schedules = useSiteSchedules(site.slug);
  const users = useAdminList('users');
  const members: Member[] = (users.data ?? [])
    .filter((u: Row) => u.siteSlug === site.slug && u.isActive && deskRoles.has(String(u.role)))
    .map((u: Row) => ({ id: String(u.id), name: String(u.name) }));
  return (
    <QueryState query={schedules} label="Loading schedules…">
      {(data) => (
        <>
          <WeeklyHours site={site} data={data} members={members} />
          <Holidays site={site} data={data} members={members} />
        </>
      )}
    </QueryState>
  );
}

function WeeklyHours({ site, data, members }: { site: Site; data: SiteSchedules; members: Member[] }) {
  const [editing, setEditing] = useState<Schedule | 'new' | null>(null);
  const remove = useRemoveSchedule();
  const notify = useNotify();
  return (
    <section aria-labelledby={`hours-${site.slug}`}>
      <header className="section-head">
        <h3 id={`hours-${site.slug}`}>
          Weekly hours at {site.name} <span className="muted small">({zoneName(data.timeZone)})</span>
        </h3>
        <button type="button" className="button small primary" onClick={() => setEditing('new')}>
          Add hours
        </button>
      </header>
      {editing && (
        <HoursForm
          key={editing === 'new' ? 'new' : editing.id}
          site={site}
          schedule={editing === 'new' ? null : editing}
          members={members}
          onClose={() => setEditing(null)}
        />
      )}
      {data.items.length === 0 ? (
        <Empty>Nobody is scheduled at this desk.</Empty>
      ) : (
        <table className="table">
          <caption className="sr-only">Weekly hours at {site.name}</caption>
          <thead>
            <tr>
              <th scope="col">Member</th>
              <th scope="col">Day</th>
              <th scope="col">From</th>
              <th scope="col">To</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {data.items.map((item) => {
              const what = `${item.userName}, ${weekdays[item.weekday - 1]} ${item.start}–${item.end}`;
              return (
                <tr key={item.id}>
                  <td>{item.userName}</td>
                  <td>{weekdays[item.weekday - 1]}</td>
                  <td>{item.start}</td>
                  <td>{item.end}</td>
                  <td>
                    <div className="actions">
                      <button
                        type="button"
                        className="button small ghost"
                        aria-label={`Edit ${what}`}
                        onClick={() => setEditing(item)}
                      >
                        Edit
                      </button>
                      <button
                        type="button"
                        className="button small ghost"
                        aria-label={`Remove ${what}`}
                        onClick={() =>
                          remove.mutate(item.id, {
                            onSuccess: () => notify(`Removed ${what}.`, 'success'),
                            onError: (error) => notify(`Not removed: ${describeError(error)}`, 'error'),
                          })
                        }
                      >
                        Remove
                      </button>
                    </div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}

const clockPattern = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Start and end as the server wants them (HH:MM, end after start), or the message in words. */
function checkHours(start: string, end: string, found: Record<string, string>) {
  if (!clockPattern.test(start)) found.start = 'Enter a start time.';
  if (!clockPattern.test(end)) found.end = 'Enter an end time.';
  else if (clockPattern.test(start) && end <= start) found.end = 'The end must be after the start.';
}

/** Labels people read, by the body's property name; the hours are in the site's zone, named in words. */
function labelsAt(site: Site): Record<string, string> {
  const zone = zoneName(site.timeZone);
  return {
    userId: 'Member',
    weekday: 'Day',
    start: `From (${zone})`,
    end: `To (${zone})`,
    date: 'Date (at the site)',
    kind: 'What',
    note: 'Note',
  };
}

function HoursForm({
  site,
  schedule,
  members,
  onClose,
}: {
  site: Site;
  schedule: Schedule | null;
  members: Member[];
  onClose: () => void;
}) {
  const add = useAddSchedule();
  const change = useChangeSchedule();
  const notify = useNotify();
  const fieldErrors = useFieldErrors(`hours-${schedule?.id ?? 'new'}`);
  const { errors } = fieldErrors;
  const labels = labelsAt(site);
  const [userId, setUserId] = useState(schedule?.userId ?? '');
  const [weekday, setWeekday] = useState(String(schedule?.weekday ?? 1));
  const [start, setStart] = useState(schedule?.start ?? '09:00');
  const [end, setEnd] = useState(schedule?.end ?? '17:00');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found: Record<string, string> = {};
    if (!schedule && !userId) found.userId = 'Choose a desk member.';
    checkHours(start, end, found);
    const checked = fieldErrorsFound(found);
    if (checked.form) return fieldErrors.show(checked);
    fieldErrors.clear();
    const done = {
      onSuccess: () => {
        notify(`${site.name}: hours saved.`, 'success');
        onClose();
      },
      onError: (error: unknown) => fieldErrors.show(fieldErrorsOf(error, { labels })),
    };
    if (schedule) change.mutate({ id: schedule.id, change: { weekday: Number(weekday), start, end } }, done);
    else add.mutate({ siteSlug: site.slug, userId, weekday: Number(weekday), start, end }, done);
  };
  return (
    <form
      className="row-form"
      onSubmit={submit}
      noValidate
      aria-label={schedule ? `Edit hours of ${schedule.userName}` : `Add hours at ${site.name}`}
    >
      <RequiredLegend />
      <FormMessage errors={errors} />
      {schedule ? (
        <p>
          <strong>{schedule.userName}</strong>
        </p>
      ) : (
        <FormField
          id={fieldErrors.idOf('userId')}
          label={labels.userId!}
          isRequired
          error={errors.fields.userId}
        >
          {(control) => (
            <select {...control} value={userId} onChange={(e) => setUserId(e.target.value)}>
              <option value="">Choose…</option>
              {members.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name}
                </option>
              ))}
            </select>
          )}
        </FormField>
      )}
      <FormField
        id={fieldErrors.idOf('weekday')}
        label={labels.weekday!}
        isRequired
        error={errors.fields.weekday}
      >
        {(control) => (
          <select {...control} value={weekday} onChange={(e) => setWeekday(e.target.value)}>
            {weekdays.map((day, index) => (
              <option key={day} value={index + 1}>
                {day}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <FormField id={fieldErrors.idOf('start')} label={labels.start!} isRequired error={errors.fields.start}>
        {(control) => (
          <input {...control} type="time" value={start} onChange={(e) => setStart(e.target.value)} />
        )}
      </FormField>
      <FormField id={fieldErrors.idOf('end')} label={labels.end!} isRequired error={errors.fields.end}>
        {(control) => <input {...control} type="time" value={end} onChange={(e) => setEnd(e.target.value)} />}
      </FormField>
      <div className="actions">
        <button type="submit" className="button primary small" disabled={add.isPending || change.isPending}>
          Save hours
        </button>
        <button type="button" className="button ghost small" onClick={onClose}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function describeException(item: ScheduleException): string {
  const who = item.userName ?? 'Whole desk';
  const kind = item.kind === 'off' ? 'off' : 'extra hours';
  return `${who} ${kind} on ${formatDay(item.date)}`;
}

function Holidays({ site, data, members }: { site: Site; data: SiteSchedules; members: Member[] }) {
  const [adding, setAdding] = useState(false);
  const remove = useRemoveScheduleException();
  const notify = useNotify();
  return (
    <section aria-labelledby={`holidays-${site.slug}`}>
      <header className="section-head">
        <h3 id={`holidays-${site.slug}`}>Holidays and time off at {site.name}</h3>
        <button type="button" className="button small primary" onClick={() => setAdding(true)}>
          Add holiday or time off
        </button>
      </header>
      {adding && <ExceptionForm site={site} members={members} onClose={() => setAdding(false)} />}
      {data.exceptions.length === 0 ? (
        <Empty>No holidays or time off.</Empty>
      ) : (
        <table className="table">
          <caption className="sr-only">Holidays and time off at {site.name}</caption>
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Who</th>
              <th scope="col">What</th>
              <th scope="col">Hours ({zoneName(data.timeZone)})</th>
              <th scope="col">Note</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {data.exceptions.map((item) => (
              <tr key={item.id}>
                <td>{formatDay(item.date)}</td>
                <td>{item.userName ?? 'Whole desk'}</td>
                <td>{item.kind === 'off' ? 'Off' : 'Extra hours'}</td>
                <td>{item.start && item.end ? `${item.start}–${item.end}` : 'All day'}</td>
                <td>{item.note || '—'}</td>
                <td>
                  <button
                    type="button"
                    className="button small ghost"
                    aria-label={`Remove ${describeException(item)}`}
                    onClick={() =>
                      remove.mutate(item.id, {
                        onSuccess: () => notify(`Removed ${describeException(item)}.`, 'success'),
                        onError: (error) => notify(`Not removed: ${describeError(error)}`, 'error'),
                      })
                    }
                  >
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function ExceptionForm({ site, members, onClose }: { site: Site; members: Member[]; onClose: () => void }) {
  const add = useAddScheduleException();
  const notify = useNotify();
  const fieldErrors = useFieldErrors(`exception-${site.slug}`);
  const { errors } = fieldErrors;
  const labels: Record<string, string> = { ...labelsAt(site), userId: 'Who' };
  const [date, setDate] = useState('');
  const [userId, setUserId] = useState('');
  const [kind, setKind] = useState<'off' | 'extra'>('off');
  const [start, setStart] = useState('');
  const [end, setEnd] = useState('');
  const [note, setNote] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found: Record<string, string> = {};
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) found.date = 'Choose a date.';
    if (kind === 'extra' && !userId) found.userId = 'Extra hours are worked by one member: choose who.';
    if (kind === 'extra' || start || end) checkHours(start, end, found);
    if (note.length > 500) found.note = 'At most 500 characters.';
    const checked = fieldErrorsFound(found);
    if (checked.form) return fieldErrors.show(checked);
    fieldErrors.clear();
    add.mutate(
      {
        siteSlug: site.slug,
        date,
        kind,
        userId: userId || null,
        ...(start ? { start, end } : {}),
        ...(note.trim() ? { note: note.trim() } : {}),
      },
      {
        onSuccess: () => {
          notify(`${site.name}: ${kind === 'off' ? 'time off' : 'extra hours'} saved.`, 'success');
          onClose();
        },
        onError: (error) => fieldErrors.show(fieldErrorsOf(error, { labels })),
      },
    );
  };
  const hoursHint = 'Leave the hours empty for the whole day off; extra hours need both.';
  return (
    <form
      className="row-form"
      onSubmit={submit}
      noValidate
      aria-label={`Add holiday or time off at ${site.name}`}
    >
      <RequiredLegend />
      <FormMessage errors={errors} />
      <FormField id={fieldErrors.idOf('date')} label={labels.date!} isRequired error={errors.fields.date}>
        {(control) => (
          <input {...control} type="date" value={date} onChange={(e) => setDate(e.target.value)} />
        )}
      </FormField>
      <FormField id={fieldErrors.idOf('userId')} label={labels.userId} error={errors.fields.userId}>
        {(control) => (
          <select {...control} value={userId} onChange={(e) => setUserId(e.target.value)}>
            <option value="">Whole desk (holiday)</option>
            {members.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <FormField id={fieldErrors.idOf('kind')} label={labels.kind!} isRequired error={errors.fields.kind}>
        {(control) => (
          <select {...control} value={kind} onChange={(e) => setKind(e.target.value as 'off' | 'extra')}>
            <option value="off">Off</option>
            <option value="extra">Extra hours</option>
          </select>
        )}
      </FormField>
      <FormField
        id={fieldErrors.idOf('start')}
        label={labels.start!}
        isRequired={kind === 'extra'}
        hint={hoursHint}
        error={errors.fields.start}
      >
        {(control) => (
          <input {...control} type="time" value={start} onChange={(e) => setStart(e.target.value)} />
        )}
      </FormField>
      <FormField
        id={fieldErrors.idOf('end')}
        label={labels.end!}
        isRequired={kind === 'extra'}
        error={errors.fields.end}
      >
        {(control) => <input {...control} type="time" value={end} onChange={(e) => setEnd(e.target.value)} />}
      </FormField>
      <FormField id={fieldErrors.idOf('note')} label={labels.note!} error={errors.fields.note}>
        {(control) => (
          <input {...control} value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} />
        )}
      </FormField>
      <div className="actions">
        <button type="submit" className="button primary small" disabled={add.isPending}>
          Save
        </button>
        <button type="button" className="button ghost small" onClick={onClose}>
          Cancel
        </button>
      </div>
    </form>
  );
}
