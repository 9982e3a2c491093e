import { type FormEvent, useState } from 'react';
import { Empty, QueryState } from '../../shared/components/states';
import { useNotify } from '../../shared/components/toast';
import {
  FormField,
  FormMessage,
  fieldErrorsOf,
  findEmptyRequired,
  RequiredLegend,
  useFieldErrors,
} from '../../shared/field-errors';
import { type Row, useAdminList, useAdminSave, useSites } from './api';
import type { Field, PickerSource, Resource } from './resources';

function show(value: unknown, field?: Field): string {
  if (value === null || value === undefined || value === '') return '—';
  // A code is shown by its label (people read "Tier 3", not "tier3").
  const option = field?.options?.find(([v]) => v === value);
  if (option) return option[1];
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** One admin list: a table of rows, each editable in place, and a form to add one. */
export function ResourceEditor({ resource }: { resource: Resource }) {
  const list = useAdminList(resource.name);
  const [editing, setEditing] = useState<Row | 'new' | null>(null);
  return (
    <section className="card" aria-labelledby={`admin-${resource.name}`}>
      <header className="section-head">
        <h2 id={`admin-${resource.name}`}>{resource.label}</h2>
        {resource.canCreate && (
          <button type="button" className="button small primary" onClick={() => setEditing('new')}>
            Add
          </button>
        )}
      </header>
      {editing && (
        <RowForm
          resource={resource}
          row={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
        />
      )}
      <QueryState query={list} label={`Loading ${resource.label.toLowerCase()}…`}>
        {(rows) =>
          rows.length === 0 ? (
            <Empty>Nothing here yet.</Empty>
          ) : (
            <table className="table">
              <caption className="sr-only">{resource.label}</caption>
              <thead>
                <tr>
                  {columnsOf(resource, rows).map((c) => (
                    <th key={c} scope="col">
                      {resource.columnLabels?.[c] ?? resource.fields.find((f) => f.name === c)?.label ?? c}
                    </th>
                  ))}
                  <th scope="col">
                    <span className="sr-only">Edit</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row, index) => (
                  <tr key={String(row[resource.idField] ?? index)}>
                    {columnsOf(resource, rows).map((c) => {
                      const lookup = resource.columnLookups?.[c];
                      return (
                        <td key={c}>
                          {lookup && typeof row[c] === 'string' ? (
                            <LookupName source={lookup.source} by={lookup.by} value={row[c]} />
                          ) : (
                            show(
                              row[c],
                              resource.fields.find((f) => f.name === c),
                            )
                          )}
                        </td>
                      );
                    })}
                    <td>
                      <button
                        type="button"
                        className="button small ghost"
                        onClick={() => setEditing(row)}
                        aria-label={`Edit ${show(row[columnsOf(resource, rows)[0]!])}`}
                      >
                        Edit
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </QueryState>
    </section>
  );
}

function columnsOf(resource: Resource, rows: Row[]): string[] {
  const present = resource.columns.filter((c) => rows.some((r) => c in r));
  if (present.length > 0) return present;
  return Object.keys(rows[0] ?? {})
    .filter((k) => k !== 'id' && !k.endsWith('Id'))
    .slice(0, 6);
}

function RowForm({ resource, row, onClose }: { resource: Resource; row: Row | null; onClose: () => void }) {
  const save = useAdminSave(resource.name);
  const notify = useNotify();
  const fieldErrors = useFieldErrors(`${resource.name}-${row ? String(row[resource.idField]) : 'new'}`);
  const { errors } = fieldErrors;
  const fields = resource.fields.filter((f) => f.only !== (row ? 'create' : 'update'));
  const labels = Object.fromEntries(fields.map((f) => [f.name, f.label]));
  const required = fields.filter((f) => f.required).map((f) => f.name);
  const [values, setValues] = useState<Row>(() =>
    Object.fromEntries(fields.map((f) => [f.name, row?.[f.name] ?? (f.kind === 'boolean' ? true : '')])),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const texts = Object.fromEntries(required.map((name) => [name, String(values[name] ?? '')]));
    const empty = findEmptyRequired(texts, required, labels);
    if (empty.form) return fieldErrors.show(empty);
    fieldErrors.clear();
    const body: Row = {};
    for (const f of fields) {
      const v = values[f.name];
      if (row && v === (row[f.name] ?? '')) continue;
      if (v === '' || v === undefined) {
        // Emptying a picker that had a value clears it; an empty field is otherwise left out.
        if (row && f.nullable && row[f.name] != null) body[f.name] = null;
        continue;
      }
      body[f.name] = f.kind === 'number' ? Number(v) : v;
    }
    save.mutate(
      { id: row ? String(row[resource.idField]) : undefined, body },
      {
        onSuccess: () => {
          notify(`${resource.label}: saved.`, 'success');
          onClose();
        },
        onError: (error) => fieldErrors.show(fieldErrorsOf(error, { labels })),
      },
    );
  };
  return (
    <form
      className="row-form"
      onSubmit={submit}
      noValidate
      aria-label={row ? `Edit ${resource.label}` : `Add to ${resource.label}`}
    >
      {required.length > 0 && <RequiredLegend />}
      <FormMessage errors={errors} />
      {fields.map((f) => (
        <FieldInput
          key={f.name}
          id={fieldErrors.idOf(f.name)}
          field={f}
          value={values[f.name]}
          error={errors.fields[f.name]}
          onChange={(v) => setValues((all) => ({ ...all, [f.name]: v }))}
        />
      ))}
      <div className="actions">
        <button type="submit" className="button primary small" disabled={save.isPending}>
          Save
        </button>
        <button type="button" className="button ghost small" onClick={onClose}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function FieldInput({
  id,
  field,
  value,
  error,
  onChange,
}: {
  id: string;
  field: Field;
  value: unknown;
  error: string | undefined;
  onChange: (v: unknown) => void;
}) {
  if (field.kind === 'boolean')
    return (
      <label className="field checkbox">
        <input
          id={id}
          type="checkbox"
          checked={Boolean(value)}
          onChange={(e) => onChange(e.target.checked)}
        />{' '}
        {field.label}
      </label>
    );
  return (
    <FormField id={id} label={field.label} isRequired={field.required} hint={field.help} error={error}>
      {(control) =>
        field.kind === 'select' ? (
          <select {...control} value={String(value ?? '')} onChange={(e) => onChange(e.target.value)}>
            <option value="">{field.emptyLabel ?? (field.required ? 'Choose…' : 'Any')}</option>
            {field.optionsFrom ? (
              <PickerOptions source={field.optionsFrom} sends={field.optionValue ?? 'id'} />
            ) : (
              field.options?.map(([v, l]) => (
                <option key={v} value={v}>
                  {l}
                </option>
              ))
            )}
          </select>
        ) : field.kind === 'textarea' ? (
          <textarea
            {...control}
            rows={2}
            value={String(value ?? '')}
            onChange={(e) => onChange(e.target.value)}
          />
        ) : (
          <input
            {...control}
            type={field.kind === 'number' ? 'number' : 'text'}
            value={String(value ?? '')}
            onChange={(e) => onChange(e.target.value)}
          />
        )
      }
    </FormField>
  );
}

/** The rows of the list a picker takes its options from (cached: every picker shares one query). */
function usePickerRows(source: PickerSource): Row[] {
  const sites = useSites();
  const list = useAdminList(source === 'sites' ? 'teams' : source);
  return source === 'sites' ? (sites.data ?? []) : (list.data ?? []);
}

/** Another list's rows as options: shown by name, valued by id (or the property the field sends). */
function PickerOptions({ source, sends }: { source: PickerSource; sends: 'id' | 'slug' }) {
  const rows = usePickerRows(source);
  return (
    <>
      {rows.map((row) => (
        <option key={String(row.id)} value={String(row[sends])}>
          {pickerLabel(source, row)}
        </option>
      ))}
    </>
  );
}

/** A code or slug shown by its row's name; the value itself until the list has loaded. */
function LookupName({ source, by, value }: { source: PickerSource; by: 'code' | 'slug'; value: string }) {
  const row = usePickerRows(source).find((r) => r[by] === value);
  return <>{row ? pickerLabel(source, row) : value}</>;
}

function pickerLabel(source: PickerSource, row: Row): string {
  if (source === 'exception-types' || source === 'reasons') return String(row.label);
  if (source === 'users') return `${String(row.name)} (${String(row.email)})`;
  return String(row.name);
}
