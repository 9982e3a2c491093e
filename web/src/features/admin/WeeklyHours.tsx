import { type FormEvent, useState } from 'react';
import { describeError } from '../../api/client';
import { Empty } from '../../shared/components/states';
import { useNotify } from '../../shared/components/toast';
import {
  FormField,
  FormMessage,
  fieldErrorsFound,
  fieldErrorsOf,
  RequiredLegend,
  useFieldErrors,
} from '../../shared/field-errors';
import { zoneName } from '../../shared/time';
import type { Site } from './api';
import {
  type Schedule,
  type SiteSchedules,
  useAddSchedule,
  useChangeSchedule,
  useRemoveSchedule,
} from './schedules-api';
import { checkHours, labelsAt, type Member, weekdays } from './schedule-forms';

/** The desk's weekly hours at a site: who staffs it, which day, from when to when. */
export function WeeklyHours({ site, data, members }: { site: Site; data: SiteSchedules; members: Member[] }) {
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
