import assert from 'node:assert/strict';
import type { TestContext } from '../../../test/context.ts';
import { findActorByEmail } from '../../http/auth.ts';
import { createApiToken } from '../users/session.ts';

/** An `integration` user made by an admin, and request helpers carrying its API token. */
export async function createIntegrationCaller(ctx: TestContext, email = 'jobsystem@demo.test') {
  const made = await ctx.as('admin@demo.test').post('/api/admin/users', {
    email,
    name: 'Job system',
    password: 'integration-secret',
    role: 'integration',
  });
  assert.equal(made.status, 201, JSON.stringify(made.body));
  const actor = await findActorByEmail(ctx.db, email);
  const { token } = await createApiToken(ctx.deps, actor!, { name: 'nightly sync' });
  const headers = { authorization: `Bearer ${token}` };
  const send = async (method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, payload?: unknown) => {
    const response = await ctx.app.inject({
      method,
      url,
      headers,
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });
    // biome-ignore lint/suspicious/noExplicitAny: tests read bodies loosely and assert on them
    const body: any = response.body ? JSON.parse(response.body) : undefined;
    return { status: response.statusCode, body };
  };
  return {
    token,
    get: (url: string) => send('GET', url),
    post: (url: string, payload: unknown) => send('POST', url, payload),
    put: (url: string, payload: unknown) => send('PUT', url, payload),
    patch: (url: string, payload: unknown) => send('PATCH', url, payload),
  };
}

/** A valid job body as the job system would send it. */
export function sourceJob(n: number, overrides: Record<string, unknown> = {}) {
  return {
    customer: {
      externalId: `C-${n}`,
      name: `Customer ${n}`,
      phone: `(555) 3${String(n).padStart(2, '0').slice(-2)}-${String(1000 + (n % 9000)).slice(-4)}`,
      email: `customer${n}@example.test`,
      timeZone: 'America/Chicago',
    },
    product: 'Washer',
    status: 'scheduled',
    ...overrides,
  };
}
