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
import { formatDay, zoneName } from '../../shared/time';
import type { Site } from './api';
import {
  type ScheduleException,
  type SiteSchedules,
  useAddScheduleException,
  useRemoveScheduleException,
} from './schedules-api';
import { checkHours, labelsAt, type Member } from './schedule-forms';

function describeException(item: ScheduleException): string {
  const who = item.userName ?? 'Whole desk';
  const kind = item.kind === 'off' ? 'off' : 'extra hours';
  return `${who} ${kind} on ${formatDay(item.date)}`;
}

/** Days the desk closes or opens extra at a site, for everyone or one member. */
export function Holidays({ site, data, members }: { site: Site; data: SiteSchedules; members: Member[] }) {
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
