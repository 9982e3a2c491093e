import { after } from 'node:test';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { withSigningSecret } from '../src/db/installation-secret.ts';
import type { Deps } from '../src/deps.ts';
import type { App } from '../src/http/app-type.ts';
import { sessionCookie } from '../src/http/auth.ts';
import { createFakeClock } from '../src/lib/clock.ts';
import { openSession } from '../src/modules/users/session.ts';
import { createTestDatabase } from './database.ts';

export type TestContext = Awaited<ReturnType<typeof createTestContext>>;

/**
 * A database of this file's own (demo organisation loaded), a fake clock and the app, closed after
 * the file's tests. `as(email)` signs a demo user in and returns request helpers carrying the cookie;
 * `logs` holds the app's log lines (JSON).
 */
export async function createTestContext(options: { now?: string } = {}) {
  const handle = await createTestDatabase();
  const clock = createFakeClock(options.now ?? '2026-11-26T15:00:00Z');
  const config = { ...(await withSigningSecret(loadConfig({}), handle.db)), publicUrl: 'http://desk.test' };
  const deps: Deps = { db: handle.db, clock, config };
  // Log lines (errors only) are kept for tests to read; TEST_LOG=1 also prints them.
  const logs: string[] = [];
  const logStream = {
    write(line: string) {
      logs.push(line);
      if (process.env.TEST_LOG === '1') process.stderr.write(line);
    },
  };
  const app = await buildApp(deps, { log: { level: 'error', stream: logStream } });
  after(async () => {
    await app.close();
    await handle.close();
  });

  const cookies = new Map<string, string>();
  async function cookieFor(email: string): Promise<string> {
    const known = cookies.get(email);
    if (known) return known;
    // A session opened as a proven sign-in would open it, without checking the password: its
    // scrypt hash costs a few hundred milliseconds of CPU per person per file, and signing in
    // with a password has tests of its own (src/modules/users/).
    const user = await handle.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', email.trim().toLowerCase())
      .where('is_active', '=', true)
      .executeTakeFirst();
    if (!user) throw new Error(`no active user ${email} to sign in`);
    const session = await openSession(deps, user.id);
    const cookie = `${sessionCookie}=${session.token}`;
    cookies.set(email, cookie);
    return cookie;
  }

  function as(email: string) {
    return api(app, () => cookieFor(email));
  }

  return { app, deps, db: handle.db, handle, clock, logs, as, anonymous: api(app, async () => '') };
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

function api(app: App, cookie: () => Promise<string>) {
  const send = async (
    method: Method,
    url: string,
    payload?: unknown,
    headers: Record<string, string> = {},
  ) => {
    const value = await cookie();
    const response = await app.inject({
      method,
      url,
      headers: { ...(value ? { cookie: value } : {}), ...headers },
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });
    const isJson = /json/.test(String(response.headers['content-type'] ?? ''));
    // biome-ignore lint/suspicious/noExplicitAny: tests read bodies loosely and assert on them
    const body: any = isJson && response.body ? JSON.parse(response.body) : response.body;
    return { status: response.statusCode, body, headers: response.headers };
  };
  return {
    get: (url: string, headers?: Record<string, string>) => send('GET', url, undefined, headers),
    post: (url: string, payload?: unknown, headers?: Record<string, string>) =>
      send('POST', url, payload ?? {}, headers),
    patch: (url: string, payload: unknown, headers?: Record<string, string>) =>
      send('PATCH', url, payload, headers),
    put: (url: string, payload: unknown, headers?: Record<string, string>) =>
      send('PUT', url, payload, headers),
    delete: (url: string, headers?: Record<string, string>) => send('DELETE', url, undefined, headers),
  };
}
