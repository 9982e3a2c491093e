import { type ReactNode, useCallback, useState } from 'react';
import { ApiError, describeError } from '../api/client';

// A form's refusals in words next to its fields: the server's 400s (schema errors, `missing`,
// `field`) and 404s mapped to the field they are about, by the labels people read, never the API's
// field names, codes or patterns.

/** Per field (by the body's property name), and one line for the whole form. */
export type FieldErrors = { fields: Record<string, string>; form: string | null };
export const noFieldErrors: FieldErrors = { fields: {}, form: null };

export type FieldErrorOptions = {
  /** The label of each field the form shows, by body property name. */
  labels: Record<string, string>;
  /** Words for a field refused by a rule (the server's `field`), replacing the generic ones. */
  refusals?: Record<string, string>;
  /** A 404 means this field's value was not found (e.g. a job number). */
  notFound?: { field: string; message: string };
};

type SchemaError = { instancePath?: string; keyword?: string; params?: Record<string, unknown> };

function wordsForSchemaError(error: SchemaError, label: string): string {
  const limit = Number(error.params?.limit);
  switch (error.keyword) {
    case 'required':
      return `${label} is required.`;
    case 'minLength':
    case 'minItems':
      return limit <= 1 ? `${label} is required.` : `${label} needs at least ${limit} characters.`;
    case 'maxLength':
      return `${label} can be at most ${limit} characters.`;
    default:
      return `${label} is not in a form we accept.`;
  }
}

/** Which field a schema error is about: `/jobNumber` or the missing property. */
function fieldOfSchemaError(error: SchemaError): string | null {
  const missing = error.params?.missingProperty;
  if (typeof missing === 'string') return missing;
  const name = error.instancePath?.split('/')[1];
  return name || null;
}

/** The refusal as field errors. Errors about fields the form does not show go in `form`. */
export function fieldErrorsOf(error: unknown, options: FieldErrorOptions): FieldErrors {
  if (!(error instanceof ApiError)) return { fields: {}, form: describeError(error) };
  const fields: Record<string, string> = {};
  const labelOf = (field: string) => options.labels[field];
  if (error.status === 404 && options.notFound) {
    fields[options.notFound.field] = options.notFound.message;
  }
  if (error.status === 400 || error.status === 422) {
    const schemaErrors = Array.isArray(error.body.errors) ? (error.body.errors as SchemaError[]) : [];
    for (const schemaError of schemaErrors) {
      const field = fieldOfSchemaError(schemaError);
      if (field && labelOf(field)) fields[field] ??= wordsForSchemaError(schemaError, labelOf(field)!);
    }
    const missing = Array.isArray(error.body.missing) ? (error.body.missing as unknown[]) : [];
    for (const field of missing) {
      if (typeof field === 'string' && labelOf(field)) fields[field] = `${labelOf(field)} is required.`;
    }
    const refused = error.body.field;
    if (typeof refused === 'string' && labelOf(refused)) {
      fields[refused] = options.refusals?.[refused] ?? `${labelOf(refused)}: this value was not accepted.`;
    }
  }
  if (Object.keys(fields).length) {
    return { fields, form: 'Not saved: check the fields marked below.' };
  }
  // Schema errors about fields the form does not show would only name API fields: say it plainly.
  const isSchemaError = error.code === 'validation_failed' && Array.isArray(error.body.errors);
  return {
    fields,
    form: isSchemaError ? 'Not saved: some of what was entered was not accepted.' : describeError(error),
  };
}

/** The required fields left empty, in words; `values` by body property name. */
export function findEmptyRequired(
  values: Record<string, string | undefined>,
  required: readonly string[],
  labels: Record<string, string>,
): FieldErrors {
  const fields: Record<string, string> = {};
  for (const field of required) {
    if (!values[field]?.trim()) fields[field] = `${labels[field] ?? field} is required.`;
  }
  return Object.keys(fields).length
    ? { fields, form: 'Not saved: fill in the fields marked below.' }
    : noFieldErrors;
}

/** What a form's own checks found, by field (words already written); none when nothing was found. */
export function fieldErrorsFound(fields: Record<string, string>): FieldErrors {
  return Object.keys(fields).length
    ? { fields, form: 'Not saved: check the fields marked below.' }
    : noFieldErrors;
}

/** A form's field errors, and focus moved to the first field refused so a keyboard user lands there. */
export function useFieldErrors(formId: string) {
  const [errors, setErrors] = useState<FieldErrors>(noFieldErrors);
  const show = useCallback(
    (next: FieldErrors) => {
      setErrors(next);
      const first = Object.keys(next.fields)[0];
      if (first) requestAnimationFrame(() => document.getElementById(`${formId}-${first}`)?.focus());
    },
    [formId],
  );
  const clear = useCallback(() => setErrors(noFieldErrors), []);
  return { errors, show, clear, idOf: (field: string) => `${formId}-${field}` };
}

/** The attributes a control takes from its field: its id, required and invalid state, descriptions. */
export type ControlProps = {
  id: string;
  'aria-required'?: true;
  'aria-invalid'?: true;
  'aria-describedby'?: string;
};

/**
 * A labelled control with its required mark, an optional hint and its error in words beneath it
 * (linked by aria-describedby, so a screen reader reads the error with the field).
 */
export function FormField({
  id,
  label,
  isRequired = false,
  hint,
  error,
  className = '',
  children,
}: {
  id: string;
  label: string;
  isRequired?: boolean;
  hint?: string;
  error?: string;
  className?: string;
  children: (control: ControlProps) => ReactNode;
}) {
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ');
  return (
    <div className={`field ${className}`.trim()}>
      <label htmlFor={id}>
        {label}
        {isRequired && <RequiredMark />}
      </label>
      {children({
        id,
        ...(isRequired ? { 'aria-required': true as const } : {}),
        ...(error ? { 'aria-invalid': true as const } : {}),
        ...(describedBy ? { 'aria-describedby': describedBy } : {}),
      })}
      {hint && (
        <span id={hintId} className="field-hint">
          {hint}
        </span>
      )}
      {error && (
        <span id={errorId} className="field-error">
          {error}
        </span>
      )}
    </div>
  );
}

/** The visible mark of a required field; assistive technology hears `aria-required` instead. */
export function RequiredMark() {
  return (
    <span className="required-mark" aria-hidden="true">
      {' *'}
    </span>
  );
}

/** The line at the top of a form that explains the mark. */
export function RequiredLegend() {
  return (
    <p className="muted small">
      Fields marked <span aria-hidden="true">*</span>
      <span className="sr-only">with an asterisk</span> are required.
    </p>
  );
}

/** The form's own message (not about one field), announced when it appears. */
export function FormMessage({ errors }: { errors: FieldErrors }) {
  return errors.form ? (
    <p className="form-error" role="alert">
      {errors.form}
    </p>
  ) : null;
}
