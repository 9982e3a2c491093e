import { ApiError, describeError } from '../../api/client';

/** Per-field messages for a form, keyed by the body's field name; `''` holds a message for the form. */
export type FieldErrors = Record<string, string>;

/**
 * A refusal from the server placed beside the field it names: a service's `field` detail, or the
 * schema's first complaint about a body property. Anything else is a message for the whole form.
 */
export function fieldErrorsOf(error: unknown): FieldErrors {
  if (error instanceof ApiError) {
    if (typeof error.body.field === 'string') return { [error.body.field]: error.message };
    const first = Array.isArray(error.body.errors) ? (error.body.errors[0] as Record<string, unknown>) : null;
    const path = typeof first?.instancePath === 'string' ? first.instancePath : '';
    const field = path.split('/')[1];
    if (field && typeof first?.message === 'string') return { [field]: first.message };
  }
  return { '': describeError(error) };
}
