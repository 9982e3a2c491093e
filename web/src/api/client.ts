import createClient, { type Middleware } from 'openapi-fetch';
import { recordServerDate } from '../shared/ticker';
import type { paths } from './schema';

/** A refusal from the API (problem+json), with its stable code and any extra fields. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly body: Record<string, unknown>;
  constructor(status: number, body: Record<string, unknown>) {
    super(typeof body.detail === 'string' ? body.detail : `request failed (${status})`);
    this.status = status;
    this.code = typeof body.code === 'string' ? body.code : 'unknown';
    this.body = body;
  }
}

/** Listeners told when the session is gone (401), so the app can show the sign-in page. */
const signedOutListeners = new Set<() => void>();
export function onSignedOut(listener: () => void) {
  signedOutListeners.add(listener);
  return () => signedOutListeners.delete(listener);
}

const clock: Middleware = {
  onResponse({ response, request }) {
    recordServerDate(response.headers.get('date'));
    if (response.status === 401 && !request.url.endsWith('/api/session')) {
      for (const listener of signedOutListeners) listener();
    }
    return response;
  },
};

/**
 * The typed API client: paths and bodies come from the generated `schema.d.ts`. It speaks JSON
 * (and problem+json) only: a route that can also answer CSV gives this client its JSON form, and
 * CSV, iCalendar and the event stream are read by the browser itself (a download link, an
 * EventSource), not through here.
 */
export const api = createClient<paths, `${string}/${string}json`>({
  baseUrl: '',
  credentials: 'same-origin',
});
api.use(clock);

/** Unwraps an openapi-fetch result: the data, or an ApiError carrying the problem body. */
export async function unwrap<T>(
  promise: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  const { data, error, response } = await promise;
  if (!response.ok) {
    // openapi-fetch hands back the parsed problem+json, or the raw text when a body is not JSON
    // (a proxy's error page): that text is still the most useful message to show.
    const body =
      error && typeof error === 'object'
        ? (error as Record<string, unknown>)
        : typeof error === 'string' && error
          ? { detail: error }
          : {};
    throw new ApiError(response.status, body);
  }
  return data as T;
}

/** A readable message for any error a query or mutation may throw. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof TypeError) return 'The server cannot be reached. Check your connection and try again.';
  return error instanceof Error ? error.message : 'Something went wrong.';
}
