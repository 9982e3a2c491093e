import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, describeError, unwrap } from '../../api/client';
import { keys } from '../../api/keys';
import type { paths } from '../../api/schema';
import { useSubmissionKey } from '../../api/submission';
import { useNotify } from '../../shared/components/toast';

type Body = paths['/api/tasks']['post']['requestBody']['content']['application/json'];
type Kind = Body['type'];

const kinds: Array<[Kind, string]> = [
  ['tier2_record', 'Tier 2 record (escalation call and its resolution)'],
  ['tier3', 'Tier 3 task'],
  ['purchasing', 'Purchasing request (ordered job)'],
];

/** The tasks people create by hand; each type asks for its own fields and is routed like any task. */
export function NewTaskForm({
  onCreated,
  onCancel,
}: {
  onCreated: (id: string) => void;
  onCancel: () => void;
}) {
  const client = useQueryClient();
  const notify = useNotify();
  const [type, setType] = useState<Kind>('tier2_record');
  const [values, setValues] = useState<Record<string, string>>({});
  const submission = useSubmissionKey();
  const create = useMutation({
    mutationFn: (body: Body) =>
      unwrap(
        api.POST('/api/tasks', { params: { header: { 'idempotency-key': submission.keyFor(body) } }, body }),
      ),
    onSettled: (_data, error, body) => {
      submission.settle(body, error);
      return client.invalidateQueries({ queryKey: keys.tasks.all() });
    },
  });
  const field = (name: string, label: string, multiline = false) => {
    const id = `new-task-${name}`;
    const set = (value: string) => setValues((v) => ({ ...v, [name]: value }));
    return (
      <div className="field grow" key={name}>
        <label htmlFor={id}>{label}</label>
        {multiline ? (
          <textarea id={id} rows={2} value={values[name] ?? ''} onChange={(e) => set(e.target.value)} />
        ) : (
          <input id={id} value={values[name] ?? ''} onChange={(e) => set(e.target.value)} />
        )}
      </div>
    );
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body: Record<string, string> = { type };
    for (const [k, v] of Object.entries(values)) if (v.trim()) body[k] = v.trim();
    // The fields shown depend on the type; the server validates the body against that type.
    create.mutate(body as Body, {
      onSuccess: (task) => {
        notify(`Task created: ${task.title}`, 'success');
        onCreated(task.id);
      },
      onError: (error) => notify(`Not created: ${describeError(error)}`, 'error'),
    });
  };
  return (
    <form className="card stack" onSubmit={submit} aria-label="New task">
      <h2>New task</h2>
      <label className="field">
        <span>Type</span>
        <select value={type} onChange={(e) => setType(e.target.value as Kind)}>
          {kinds.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <div className="inline-form wrap">
        {field('jobNumber', 'Job number')}
        {field('title', 'Title (optional)')}
      </div>
      {type === 'tier2_record' && (
        <div className="inline-form wrap">
          {field('escalationType', 'Escalation type (reason code, e.g. service_delay)')}
          {field('resolution', 'Resolution', true)}
        </div>
      )}
      {type === 'purchasing' && (
        <div className="inline-form wrap">
          {field('orderNumber', 'Order number')}
          {field('part', 'Part')}
          {field('question', 'Question for Purchasing', true)}
        </div>
      )}
      {field('details', 'Details', true)}
      <div className="actions">
        <button type="submit" className="button primary" disabled={create.isPending}>
          Create task
        </button>
        <button type="button" className="button ghost" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
