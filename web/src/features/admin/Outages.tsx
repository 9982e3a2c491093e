import { type FormEvent, useState } from 'react';
import { describeError } from '../../api/client';
import { Empty, QueryState } from '../../shared/components/states';
import { Time } from '../../shared/components/time';
import { useNotify } from '../../shared/components/toast';
import { zoneName } from '../../shared/time';
import {
  type FieldErrors,
  FormField,
  FormMessage,
  fieldErrorsFound,
  fieldErrorsOf,
  RequiredLegend,
  RequiredMark,
  useFieldErrors,
} from '../../shared/field-errors';
import { type Site, useSites } from './api';
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

/** Labels people read, by the body's property name (errors from the server are worded with them). */
const labels: Record<keyof OutageFields, string> = {
  title: 'Title',
  guidance: 'Guidance for agents',
  script: 'Script for customers',
  siteSlugs: 'Affected sites',
};

/** What is wrong with the form, in words, by field; none when it may be sent. */
function checkOutage(values: OutageFields): FieldErrors {
  const found: Record<string, string> = {};
  if (!values.title.trim()) found.title = 'Enter a title agents will recognise.';
  if (!values.guidance.trim()) found.guidance = 'Say what agents should do meanwhile.';
  if (!values.script.trim()) found.script = 'Write what agents tell customers.';
  for (const field of ['title', 'guidance', 'script'] as const) {
    if (values[field].length > limits[field]) found[field] = `At most ${limits[field]} characters.`;
  }
  if (values.siteSlugs.length === 0) found.siteSlugs = 'Choose at least one affected site.';
  return fieldErrorsFound(found);
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
  const fieldErrors = useFieldErrors(`outage-${outage?.id ?? 'new'}`);
  const { errors } = fieldErrors;
  const [values, setValues] = useState<OutageFields>(() => ({
    title: outage?.title ?? '',
    guidance: outage?.guidance ?? '',
    script: outage?.script ?? '',
    siteSlugs: outage?.siteSlugs ?? [],
  }));
  const set = <K extends keyof OutageFields>(field: K, value: OutageFields[K]) =>
    setValues((all) => ({ ...all, [field]: value }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const trimmed = { ...values, title: values.title.trim() };
    const checked = checkOutage(trimmed);
    if (checked.form) return fieldErrors.show(checked);
    fieldErrors.clear();
    const done = {
      onSuccess: () => {
        notify(`${trimmed.title}: ${outage ? 'saved' : 'declared'}.`, 'success');
        onClose();
      },
      onError: (error: unknown) => fieldErrors.show(fieldErrorsOf(error, { labels })),
    };
    if (outage) edit.mutate({ id: outage.id, change: trimmed }, done);
    else declare.mutate(trimmed, done);
  };

  const textField = (field: 'guidance' | 'script', hint: string) => (
    <FormField
      id={fieldErrors.idOf(field)}
      label={labels[field]}
      isRequired
      hint={hint}
      error={errors.fields[field]}
    >
      {(control) => (
        <textarea {...control} rows={3} value={values[field]} onChange={(e) => set(field, e.target.value)} />
      )}
    </FormField>
  );
  const sitesErrorId = `${fieldErrors.idOf('siteSlugs')}-error`;

  return (
    <form
      className="admin-form"
      onSubmit={submit}
      noValidate
      aria-label={outage ? `Edit outage ${outage.title}` : 'Declare an outage'}
    >
      <RequiredLegend />
      <FormMessage errors={errors} />
      <FormField id={fieldErrors.idOf('title')} label={labels.title} isRequired error={errors.fields.title}>
        {(control) => (
          <input {...control} value={values.title} onChange={(e) => set('title', e.target.value)} />
        )}
      </FormField>
      {textField('guidance', 'Shown in the banner: what agents should do meanwhile.')}
      {textField('script', 'What agents read to customers, word for word.')}
      {/* A group of checkboxes has no one control to label: the legend names it, the error is tied to it. */}
      <fieldset className="site-checks" aria-describedby={errors.fields.siteSlugs ? sitesErrorId : undefined}>
        <legend>
          {labels.siteSlugs}
          <RequiredMark />
        </legend>
        {sites.map((site, index) => (
          <label key={site.slug} className="field checkbox">
            <input
              // Focus lands on the first site when none was chosen.
              id={index === 0 ? fieldErrors.idOf('siteSlugs') : undefined}
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
            {site.name} <span className="muted small">({zoneName(site.timeZone)})</span>
          </label>
        ))}
      </fieldset>
      {errors.fields.siteSlugs && (
        <span id={sitesErrorId} className="field-error">
          {errors.fields.siteSlugs}
        </span>
      )}
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
