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

/** The typed API client: paths and bodies come from the generated `schema.d.ts`. */
export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });
api.use(clock);

/** Unwraps an openapi-fetch result: the data, or an ApiError carrying the problem body. */
export async function unwrap<T>(
  promise: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  const { data, error, response } = await promise;
  if (!response.ok) {
    const body = error && typeof error === 'object' ? (error as Record<string, unknown>) : {};
    throw new ApiError(response.status, body);
  }
  return data as T;
}

/**
 * A request to a route the generated schema does not describe yet (it lands on the server while
 * this screen is built); replace with `api.GET(...)` once `schema.d.ts` has it.
 */
export async function request<T>(
  method: string,
  url: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<T> {
  const response = await fetch(url, {
    method,
    credentials: 'same-origin',
    headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  recordServerDate(response.headers.get('date'));
  const text = await response.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = { detail: text };
  }
  if (!response.ok) {
    if (response.status === 401 && url !== '/api/session')
      for (const listener of signedOutListeners) listener();
    throw new ApiError(response.status, (parsed ?? {}) as Record<string, unknown>);
  }
  return parsed as T;
}

/** A readable message for any error a query or mutation may throw. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof TypeError) return 'The server cannot be reached. Check your connection and try again.';
  return error instanceof Error ? error.message : 'Something went wrong.';
}
