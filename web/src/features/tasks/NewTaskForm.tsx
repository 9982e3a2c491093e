import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, unwrap } from '../../api/client';
import { keys } from '../../api/keys';
import type { paths } from '../../api/schema';
import { useSubmissionKey } from '../../api/submission';
import {
  FormField,
  FormMessage,
  fieldErrorsOf,
  findEmptyRequired,
  RequiredLegend,
  useFieldErrors,
} from '../../shared/field-errors';
import { useEscalationReasons } from './api';

type Body = paths['/api/tasks']['post']['requestBody']['content']['application/json'];
type Created = paths['/api/tasks']['post']['responses'][201]['content']['application/json'];
type Kind = Body['type'];

const kinds: Array<[Kind, string]> = [
  ['tier2_record', 'Tier 2 record (escalation call and its resolution)'],
  ['tier3', 'Tier 3 task'],
  ['purchasing', 'Purchasing request (ordered job)'],
];
const kindNames: Record<Kind, string> = {
  tier2_record: 'Tier 2 record',
  tier3: 'Tier 3 task',
  purchasing: 'Purchasing request',
};

const labels: Record<string, string> = {
  type: 'Type',
  jobNumber: 'Job number',
  title: 'Title',
  escalationType: 'Escalation reason',
  resolution: 'Resolution',
  orderNumber: 'Order number',
  part: 'Part',
  question: 'Question for Purchasing',
  details: 'Details',
};

// What each type needs (the server asks the same; saying it here marks the fields before a refusal).
const required: Record<Kind, string[]> = {
  tier2_record: ['jobNumber', 'escalationType', 'resolution'],
  tier3: ['jobNumber', 'details'],
  purchasing: ['jobNumber', 'orderNumber', 'part', 'question'],
};

const formId = 'new-task';

/**
 * The tasks people create by hand; each type asks for its own fields and is routed like any task.
 * Once created, the creator is told which team got it; a task routed to a team they do not see is
 * confirmed here instead of opened (its pane would be "not found" for them).
 */
export function NewTaskForm({
  onCreated,
  onCancel,
}: {
  onCreated: (id: string) => void;
  onCancel: () => void;
}) {
  const client = useQueryClient();
  const reasons = useEscalationReasons();
  const [type, setType] = useState<Kind>('tier2_record');
  const [values, setValues] = useState<Record<string, string>>({});
  const [created, setCreated] = useState<Created | null>(null);
  const fieldErrors = useFieldErrors(formId);
  const { errors } = fieldErrors;
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
  const isRequired = (name: string) => required[type].includes(name);
  const set = (name: string, value: string) => setValues((v) => ({ ...v, [name]: value }));
  const textField = (name: string, options: { multiline?: boolean; hint?: string } = {}) => (
    <FormField
      key={name}
      id={fieldErrors.idOf(name)}
      label={labels[name]!}
      isRequired={isRequired(name)}
      hint={options.hint}
      error={errors.fields[name]}
      className="grow"
    >
      {(control) =>
        options.multiline ? (
          <textarea
            {...control}
            rows={2}
            value={values[name] ?? ''}
            onChange={(e) => set(name, e.target.value)}
          />
        ) : (
          <input {...control} value={values[name] ?? ''} onChange={(e) => set(name, e.target.value)} />
        )
      }
    </FormField>
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const empty = findEmptyRequired(values, required[type], labels);
    if (empty.form) return fieldErrors.show(empty);
    fieldErrors.clear();
    const shown = ['jobNumber', 'title', 'details', ...(extraFields[type] ?? [])];
    const body: Record<string, string> = { type };
    for (const name of shown) if (values[name]?.trim()) body[name] = values[name].trim();
    create.mutate(body as Body, {
      onSuccess: (task) => setCreated(task),
      onError: (error) =>
        fieldErrors.show(
          fieldErrorsOf(error, {
            labels,
            refusals: { escalationType: 'Choose one of the listed escalation reasons.' },
            notFound: { field: 'jobNumber', message: 'No job has this number. Check it and try again.' },
          }),
        ),
    });
  };

  if (created) {
    return <CreatedConfirmation task={created} onOpen={() => onCreated(created.id)} onClose={onCancel} />;
  }
  return (
    <form className="card stack" onSubmit={submit} aria-label="New task" noValidate>
      <h2>New task</h2>
      <RequiredLegend />
      <FormField id={fieldErrors.idOf('type')} label={labels.type!} isRequired>
        {(control) => (
          <select {...control} value={type} onChange={(e) => setType(e.target.value as Kind)}>
            {kinds.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <div className="inline-form wrap">
        {textField('jobNumber', { hint: 'As on the job, e.g. J-100240' })}
        {textField('title', { hint: 'Optional: one is made from the type and job' })}
      </div>
      {type === 'tier2_record' && (
        <div className="inline-form wrap">
          <FormField
            id={fieldErrors.idOf('escalationType')}
            label={labels.escalationType!}
            isRequired
            hint="Why the customer escalated this call"
            error={
              errors.fields.escalationType ?? (reasons.error ? 'The reasons could not be loaded.' : undefined)
            }
            className="grow"
          >
            {(control) => (
              <select
                {...control}
                value={values.escalationType ?? ''}
                onChange={(e) => set('escalationType', e.target.value)}
              >
                <option value="">{reasons.isPending ? 'Loading reasons…' : 'Choose a reason'}</option>
                {(reasons.data ?? []).map((reason) => (
                  <option key={reason.code} value={reason.code}>
                    {reason.label}
                  </option>
                ))}
              </select>
            )}
          </FormField>
          {textField('resolution', { multiline: true, hint: 'What was done or agreed on the call' })}
        </div>
      )}
      {type === 'purchasing' && (
        <div className="inline-form wrap">
          {textField('orderNumber')}
          {textField('part')}
          {textField('question', { multiline: true })}
        </div>
      )}
      {textField('details', { multiline: true })}
      <FormMessage errors={errors} />
      <div className="actions">
        <button type="submit" className="button primary" disabled={create.isPending}>
          {create.isPending ? 'Creating…' : 'Create task'}
        </button>
        <button type="button" className="button ghost" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

const extraFields: Partial<Record<Kind, string[]>> = {
  tier2_record: ['escalationType', 'resolution'],
  purchasing: ['orderNumber', 'part', 'question'],
};

/** Which team got the new task, and the task itself only when its creator may open it. */
function CreatedConfirmation({
  task,
  onOpen,
  onClose,
}: {
  task: Created;
  onOpen: () => void;
  onClose: () => void;
}) {
  const kind = kindNames[task.type as Kind] ?? 'Task';
  return (
    <section className="card stack" aria-labelledby="task-created">
      <h2 id="task-created">{kind} created</h2>
      <p role="status">
        {kind} “{task.title}” went to the team <strong>{task.team.name}</strong>
        {task.assignee ? `, assigned to ${task.assignee.name}` : ', in its queue'}.
        {!task.isVisibleToCreator && ' That team works it from its own list, which you do not see.'}
      </p>
      <div className="actions">
        {task.isVisibleToCreator && (
          <button type="button" className="button primary" onClick={onOpen}>
            Open the task
          </button>
        )}
        <button type="button" className="button" onClick={onClose}>
          Done
        </button>
      </div>
    </section>
  );
}
