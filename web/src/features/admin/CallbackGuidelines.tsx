import { useQuery, useQueryClient, useMutation } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { api, describeError, unwrap } from '../../api/client';
import { keys } from '../../api/keys';
import type { paths } from '../../api/schema';
import { QueryState } from '../../shared/components/states';
import { useNotify } from '../../shared/components/toast';

type Guidelines =
  paths['/api/admin/callback-guidelines']['get']['responses'][200]['content']['application/json'];
type NumberField = Exclude<keyof Guidelines, 'quietHours' | 'droppedCallHandling' | 'wrongNumberHandling'>;

const numberFields: Array<[NumberField, string]> = [
  ['firstContactMinutes', 'First call within (minutes of the window start)'],
  ['retryWindowMinutes', 'Next call within (minutes after a missed attempt)'],
  ['attemptsAllowed', 'Failed attempts before the reschedule email'],
  ['minimumGapMinutes', 'Minimum minutes between counted attempts'],
  ['droppedRetryMinutes', 'Call back a dropped call within (minutes)'],
  ['reminderLeadMinutes', 'Remind the assignee (minutes before the window)'],
  ['atRiskLeadMinutes', 'Alert a supervisor (minutes before a promise falls due)'],
  ['waitingExpiryHours', 'Close as unreachable after (hours)'],
];

/** How dropped and unresponsive calls are handled: how often, how far apart, how many attempts. */
export function CallbackGuidelines() {
  const query = useQuery({
    queryKey: keys.admin.resource('callback-guidelines'),
    queryFn: () => unwrap(api.GET('/api/admin/callback-guidelines')),
  });
  return (
    <section className="card" aria-labelledby="admin-guidelines">
      <h2 id="admin-guidelines">Callback guidelines</h2>
      <p className="muted">Changes apply to promises made from now on.</p>
      <QueryState query={query} label="Loading guidelines…">
        {(g) => <GuidelinesForm guidelines={g} />}
      </QueryState>
    </section>
  );
}

function GuidelinesForm({ guidelines }: { guidelines: Guidelines }) {
  const client = useQueryClient();
  const notify = useNotify();
  const [values, setValues] = useState(guidelines);
  useEffect(() => setValues(guidelines), [guidelines]);
  const save = useMutation({
    mutationFn: (body: Partial<Guidelines>) => unwrap(api.PATCH('/api/admin/callback-guidelines', { body })),
    onSuccess: (g) => client.setQueryData(keys.admin.resource('callback-guidelines'), g),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(values, {
      onSuccess: () => notify('Callback guidelines saved.', 'success'),
      onError: (error) => notify(`Not saved: ${describeError(error)}`, 'error'),
    });
  };
  return (
    <form className="grid-2" onSubmit={submit}>
      {numberFields.map(([name, label]) => (
        <label key={name} className="field">
          <span>{label}</span>
          <input
            type="number"
            min={0}
            value={values[name]}
            onChange={(e) => setValues((v) => ({ ...v, [name]: Number(e.target.value) }))}
          />
        </label>
      ))}
      <label className="field">
        <span>Quiet hours start (customer’s time)</span>
        <input
          type="time"
          value={values.quietHours.start}
          onChange={(e) =>
            setValues((v) => ({ ...v, quietHours: { ...v.quietHours, start: e.target.value } }))
          }
        />
      </label>
      <label className="field">
        <span>Quiet hours end (customer’s time)</span>
        <input
          type="time"
          value={values.quietHours.end}
          onChange={(e) => setValues((v) => ({ ...v, quietHours: { ...v.quietHours, end: e.target.value } }))}
        />
      </label>
      <label className="field">
        <span>Dropped call</span>
        <select
          value={values.droppedCallHandling}
          onChange={(e) =>
            setValues((v) => ({
              ...v,
              droppedCallHandling: e.target.value as Guidelines['droppedCallHandling'],
            }))
          }
        >
          <option value="immediate_retry">Call back at once</option>
          <option value="count_as_failed">Count as a failed attempt</option>
        </select>
      </label>
      <label className="field">
        <span>Wrong number</span>
        <select
          value={values.wrongNumberHandling}
          onChange={(e) =>
            setValues((v) => ({
              ...v,
              wrongNumberHandling: e.target.value as Guidelines['wrongNumberHandling'],
            }))
          }
        >
          <option value="reschedule_email">Send the reschedule email</option>
          <option value="count_as_failed">Count as a failed attempt</option>
        </select>
      </label>
      <div className="actions">
        <button type="submit" className="button primary" disabled={save.isPending}>
          Save guidelines
        </button>
      </div>
    </form>
  );
}
