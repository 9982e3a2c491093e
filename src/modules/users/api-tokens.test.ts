import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTestContext } from '../../../test/context.ts';

const ctx = await createTestContext();

/** Signs in afresh (the shared helper caches one cookie per user; these tests end sessions). */
async function signInCookie(email: string, password: string) {
  const response = await ctx.app.inject({
    method: 'POST',
    url: '/api/session',
    payload: { email, password },
  });
  assert.equal(response.statusCode, 200, response.body);
  return response.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
}

async function call(method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, auth: string, payload?: object) {
  const headers = auth.startsWith('Bearer ') ? { authorization: auth } : { cookie: auth };
  const response = await ctx.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
  return { status: response.statusCode, body: response.body ? response.json() : null, response };
}

test('API tokens are listed without their secret and revoked by their owner only', async () => {
  const cookie = await signInCookie('tier3@demo.test', 'demo');
  const created = await call('POST', '/api/me/api-tokens', cookie, { name: 'reporting tool' });
  assert.equal(created.status, 201);
  const secret = created.body.token;

  let list = await call('GET', '/api/me/api-tokens', cookie);
  assert.equal(list.status, 200);
  const item = list.body.items.find((t: { id: string }) => t.id === created.body.id);
  assert.deepEqual(Object.keys(item).sort(), ['createdAt', 'id', 'name']);
  assert.equal(item.name, 'reporting tool');
  assert.ok(!JSON.stringify(list.body).includes(secret), 'the secret is never listed');

  assert.equal((await call('GET', '/api/me', `Bearer ${secret}`)).status, 200);
  list = await call('GET', '/api/me/api-tokens', cookie);
  const used = list.body.items.find((t: { id: string }) => t.id === created.body.id);
  assert.ok(used.lastUsedAt, 'a used token shows when it was last used');

  const otherCookie = await signInCookie('exec@demo.test', 'demo');
  const theirs = await call('DELETE', `/api/me/api-tokens/${created.body.id}`, otherCookie);
  assert.equal(theirs.status, 404, 'another user cannot revoke (or learn of) the token');
  assert.equal(theirs.body.code, 'not_found');
  assert.equal((await call('GET', '/api/me', `Bearer ${secret}`)).status, 200);

  const revoked = await call('DELETE', `/api/me/api-tokens/${created.body.id}`, cookie);
  assert.equal(revoked.status, 204);
  assert.equal(revoked.response.body, '');
  assert.equal((await call('GET', '/api/me', `Bearer ${secret}`)).status, 401);
  list = await call('GET', '/api/me/api-tokens', cookie);
  assert.ok(!list.body.items.some((t: { id: string }) => t.id === created.body.id));
  assert.equal((await call('DELETE', `/api/me/api-tokens/${created.body.id}`, cookie)).status, 404);
});

test('changing your password ends every other session and every API token; this browser stays in', async () => {
  const email = 'purchasing@demo.test';
  const first = await signInCookie(email, 'demo');
  const second = await signInCookie(email, 'demo');
  const token = (await call('POST', '/api/me/api-tokens', first, { name: 'integration' })).body.token;

  const weak = await call('PUT', '/api/me/password', first, {
    currentPassword: 'demo',
    newPassword: 'short',
  });
  assert.equal(weak.status, 400);
  assert.match(weak.body.detail, /12 characters/);
  const repeated = await call('PUT', '/api/me/password', first, {
    currentPassword: 'demo',
    newPassword: 'aaaaaaaaaaaaaaaa',
  });
  assert.equal(repeated.status, 400);
  const ownEmail = await call('PUT', '/api/me/password', first, {
    currentPassword: 'demo',
    newPassword: 'my-purchasing-password',
  });
  assert.equal(ownEmail.status, 400);
  const wrong = await call('PUT', '/api/me/password', first, {
    currentPassword: 'not it',
    newPassword: 'a sturdy new passphrase',
  });
  assert.equal(wrong.status, 403);
  assert.equal((await call('GET', '/api/me', `Bearer ${token}`)).status, 200, 'refusals change nothing');

  const changed = await call('PUT', '/api/me/password', first, {
    currentPassword: 'demo',
    newPassword: 'a sturdy new passphrase',
  });
  assert.equal(changed.status, 204);
  const fresh = changed.response.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  assert.ok(fresh, 'the browser that changed it gets a fresh session');
  assert.equal((await call('GET', '/api/me', first)).status, 401, 'the old cookie is dead');
  assert.equal((await call('GET', '/api/me', second)).status, 401, 'other sessions end');
  assert.equal((await call('GET', '/api/me', `Bearer ${token}`)).status, 401, 'API tokens die');
  assert.equal((await call('GET', '/api/me', fresh)).status, 200);
  assert.deepEqual((await call('GET', '/api/me/api-tokens', fresh)).body.items, []);

  const oldPassword = await ctx.app.inject({
    method: 'POST',
    url: '/api/session',
    payload: { email, password: 'demo' },
  });
  assert.equal(oldPassword.statusCode, 401);
  await signInCookie(email, 'a sturdy new passphrase');
});

test('an admin resetting a password ends that user’s sessions and API tokens', async () => {
  const email = 'tier2@demo.test';
  const cookie = await signInCookie(email, 'demo');
  const token = (await call('POST', '/api/me/api-tokens', cookie, { name: 'script' })).body.token;
  const me = (await call('GET', '/api/me', cookie)).body;
  const reset = await ctx
    .as('admin@demo.test')
    .patch(`/api/admin/users/${me.id}`, { password: 'reset by admin' });
  assert.equal(reset.status, 200);
  assert.equal((await call('GET', '/api/me', cookie)).status, 401);
  assert.equal((await call('GET', '/api/me', `Bearer ${token}`)).status, 401);
});
