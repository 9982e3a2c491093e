import { type FormEvent, useId, useState } from 'react';
import { describeError } from '../../api/client';
import { Empty, QueryState } from '../../shared/components/states';
import { Time } from '../../shared/components/time';
import { useNotify } from '../../shared/components/toast';
import { type Site, useSites } from './api';
import { type FieldErrors, fieldErrorsOf } from './form-errors';
import {
  type Outage,
  type OutageFields,
  useDeclareOutage,
  useEditOutage,
  useEndOutage,
  useOutages,
} from './outages-api';

/** Declare, correct and end outages: agents at the affected sites see the banner at once. */
export function Outages() {
  const outages = useOutages();
  const sites = useSites();
  const [editing, setEditing] = useState<Outage | 'new' | null>(null);
  return (
    <section className="card" aria-labelledby="admin-outages">
      <header className="section-head">
        <h2 id="admin-outages">Outages</h2>
        <button type="button" className="button small primary" onClick={() => setEditing('new')}>
          Declare an outage
        </button>
      </header>
      <QueryState query={sites} label="Loading sites…">
        {(siteRows) => (
          <>
            {editing && (
              <OutageForm
                key={editing === 'new' ? 'new' : editing.id}
                outage={editing === 'new' ? null : editing}
                sites={siteRows}
                onClose={() => setEditing(null)}
              />
            )}
            <QueryState query={outages} label="Loading outages…">
              {(rows) =>
                rows.length === 0 ? (
                  <Empty>No outages declared.</Empty>
                ) : (
                  <OutageTable rows={rows} sites={siteRows} onEdit={setEditing} />
                )
              }
            </QueryState>
          </>
        )}
      </QueryState>
    </section>
  );
}

function OutageTable({
  rows,
  sites,
  onEdit,
}: {
  rows: Outage[];
  sites: Site[];
  onEdit: (outage: Outage) => void;
}) {
  const end = useEndOutage();
  const notify = useNotify();
  const affected = (outage: Outage) => sites.filter((s) => outage.siteSlugs.includes(s.slug));
  return (
    <table className="table">
      <caption className="sr-only">Outages, newest first</caption>
      <thead>
        <tr>
          <th scope="col">Title</th>
          <th scope="col">Sites</th>
          <th scope="col">Started (site time)</th>
          <th scope="col">Ended (site time)</th>
          <th scope="col">Declared by</th>
          <th scope="col">
            <span className="sr-only">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((outage) => (
          <tr key={outage.id}>
            <td>
              {outage.title}{' '}
              <span className={outage.isActive ? 'badge danger' : 'badge'}>
                {outage.isActive ? 'Running' : 'Ended'}
              </span>
            </td>
            <td>
              {affected(outage)
                .map((s) => s.name)
                .join(', ')}
            </td>
            <td>
              <SiteTimes value={outage.startedAt} sites={affected(outage)} />
            </td>
            <td>{outage.endedAt ? <SiteTimes value={outage.endedAt} sites={affected(outage)} /> : '—'}</td>
            <td>{outage.declaredByName}</td>
            <td>
              {outage.isActive && (
                <div className="actions">
                  <button
                    type="button"
                    className="button small ghost"
                    aria-label={`Edit ${outage.title}`}
                    onClick={() => onEdit(outage)}
                  >
                    Edit
                  </button>
                  <button
                    type="button"
                    className="button small"
                    aria-label={`End ${outage.title}`}
                    disabled={end.isPending}
                    onClick={() =>
                      end.mutate(outage.id, {
                        onSuccess: () => notify(`${outage.title}: ended.`, 'success'),
                        onError: (error) => notify(`Not ended: ${describeError(error)}`, 'error'),
                      })
                    }
                  >
                    End
                  </button>
                </div>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** An instant in the zone of each affected site (one line per distinct zone). */
function SiteTimes({ value, sites }: { value: string; sites: Site[] }) {
  const zones = [...new Set(sites.map((s) => s.timeZone))];
  return (
    <>
      {zones.map((zone) => (
        <div key={zone}>
          <Time value={value} zone={zone} />
        </div>
      ))}
    </>
  );
}

const limits = { title: 200, guidance: 10000, script: 10000 } as const;

/** What is wrong with the form, in words, by field; empty when it may be sent. */
function checkOutage(values: OutageFields): FieldErrors {
  const errors: FieldErrors = {};
  if (!values.title.trim()) errors.title = 'Enter a title agents will recognise.';
  if (!values.guidance.trim()) errors.guidance = 'Say what agents should do meanwhile.';
  if (!values.script.trim()) errors.script = 'Write what agents tell customers.';
  for (const field of ['title', 'guidance', 'script'] as const) {
    if (values[field].length > limits[field]) errors[field] = `At most ${limits[field]} characters.`;
  }
  if (values.siteSlugs.length === 0) errors.siteSlugs = 'Choose at least one affected site.';
  return errors;
}

function OutageForm({
  outage,
  sites,
  onClose,
}: {
  outage: Outage | null;
  sites: Site[];
  onClose: () => void;
}) {
  const declare = useDeclareOutage();
  const edit = useEditOutage();
  const notify = useNotify();
  const id = useId();
  const [values, setValues] = useState<OutageFields>(() => ({
    title: outage?.title ?? '',
    guidance: outage?.guidance ?? '',
    script: outage?.script ?? '',
    siteSlugs: outage?.siteSlugs ?? [],
  }));
  const [errors, setErrors] = useState<FieldErrors>({});
  const set = <K extends keyof OutageFields>(field: K, value: OutageFields[K]) =>
    setValues((all) => ({ ...all, [field]: value }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const trimmed = { ...values, title: values.title.trim() };
    const found = checkOutage(trimmed);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    const done = {
      onSuccess: () => {
        notify(`${trimmed.title}: ${outage ? 'saved' : 'declared'}.`, 'success');
        onClose();
      },
      onError: (error: unknown) => setErrors(fieldErrorsOf(error)),
    };
    if (outage) edit.mutate({ id: outage.id, change: trimmed }, done);
    else declare.mutate(trimmed, done);
  };

  const describedBy = (field: string) => (errors[field] ? `${id}-${field}-error` : undefined);
  const errorLine = (field: string) =>
    errors[field] ? (
      <span id={`${id}-${field}-error`} className="field-error">
        {errors[field]}
      </span>
    ) : null;
  const textField = (field: 'guidance' | 'script', label: string, help: string) => (
    <div className="field">
      <label htmlFor={`${id}-${field}`}>{label}</label>
      <textarea
        id={`${id}-${field}`}
        rows={3}
        value={values[field]}
        aria-invalid={Boolean(errors[field])}
        aria-describedby={[`${id}-${field}-help`, describedBy(field)].filter(Boolean).join(' ')}
        onChange={(e) => set(field, e.target.value)}
      />
      <span id={`${id}-${field}-help`} className="field-help">
        {help}
      </span>
      {errorLine(field)}
    </div>
  );

  return (
    <form
      className="admin-form"
      onSubmit={submit}
      noValidate
      aria-label={outage ? `Edit outage ${outage.title}` : 'Declare an outage'}
    >
      {errors[''] && (
        <p className="form-error" role="alert">
          Not saved: {errors['']}
        </p>
      )}
      <div className="field">
        <label htmlFor={`${id}-title`}>Title</label>
        <input
          id={`${id}-title`}
          value={values.title}
          aria-invalid={Boolean(errors.title)}
          aria-describedby={describedBy('title')}
          onChange={(e) => set('title', e.target.value)}
        />
        {errorLine('title')}
      </div>
      {textField('guidance', 'Guidance for agents', 'Shown in the banner: what agents should do meanwhile.')}
      {textField('script', 'Script for customers', 'What agents read to customers, word for word.')}
      <fieldset className="site-checks" aria-describedby={describedBy('siteSlugs')}>
        <legend>Affected sites</legend>
        {sites.map((site) => (
          <label key={site.slug} className="field checkbox">
            <input
              type="checkbox"
              checked={values.siteSlugs.includes(site.slug)}
              onChange={(e) =>
                set(
                  'siteSlugs',
                  e.target.checked
                    ? [...values.siteSlugs, site.slug]
                    : values.siteSlugs.filter((slug) => slug !== site.slug),
                )
              }
            />{' '}
            {site.name} <span className="muted small">({site.timeZone})</span>
          </label>
        ))}
      </fieldset>
      {errorLine('siteSlugs')}
      <div className="actions">
        <button type="submit" className="button primary small" disabled={declare.isPending || edit.isPending}>
          {outage ? 'Save outage' : 'Declare outage'}
        </button>
        <button type="button" className="button ghost small" onClick={onClose}>
          Cancel
        </button>
      </div>
    </form>
  );
}
