import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTestContext } from '../../../test/context.ts';

const ctx = await createTestContext();

test('a demo user signs in and reads their profile', async () => {
  const me = await ctx.as('agent.east@demo.test').get('/api/me');
  assert.equal(me.status, 200);
  assert.equal(me.body.email, 'agent.east@demo.test');
  assert.equal(me.body.role, 'agent');
  assert.equal(me.body.siteSlug, 'east');
  assert.ok(me.body.supervisorId);
});

test('/api/me answers from the sign-in look-up: profile fields, and a change shows on the next request', async () => {
  const worker = await ctx.as('cb.captive@demo.test').get('/api/me');
  assert.equal(worker.status, 200);
  assert.ok(worker.body.teamId && worker.body.teamName && worker.body.teamKind);
  const lead = ctx.as('lead.east@demo.test');
  const before = await lead.get('/api/me');
  assert.equal(before.body.siteSlug, 'east');
  assert.ok(before.body.siteName && before.body.siteTimeZone);
  assert.deepEqual(Object.keys(before.body).sort(), Object.keys(worker.body).sort());
  const next = before.body.presence === 'available' ? 'away' : 'available';
  assert.equal((await lead.put('/api/me/presence', { presence: next })).status, 200);
  assert.equal((await lead.get('/api/me')).body.presence, next);
});

test('a wrong password is refused with a problem document', async () => {
  const response = await ctx.anonymous.post('/api/session', {
    email: 'agent.east@demo.test',
    password: 'nope',
  });
  assert.equal(response.status, 401);
  assert.match(String(response.headers['content-type']), /application\/problem\+json/);
  assert.equal(response.body.code, 'unauthenticated');
});

test('without a session /api/me answers 401', async () => {
  const response = await ctx.anonymous.get('/api/me');
  assert.equal(response.status, 401);
});

test('unknown fields and malformed JSON are 400, never 500', async () => {
  const extra = await ctx.anonymous.post('/api/session', { email: 'a@b.c', password: 'x', admin: true });
  assert.equal(extra.status, 400);
  assert.equal(extra.body.code, 'validation_failed');
  const malformed = await ctx.app.inject({
    method: 'POST',
    url: '/api/session',
    headers: { 'content-type': 'application/json' },
    payload: '{not json',
  });
  assert.equal(malformed.statusCode, 400);
});

test('a body over 1 MB is refused with 413', async () => {
  const response = await ctx.anonymous.post('/api/session', {
    email: 'a@b.c',
    password: 'x'.repeat(1_100_000),
  });
  assert.equal(response.status, 413);
  assert.equal(response.body.code, 'payload_too_large');
});

test('an API token authenticates as its owner', async () => {
  const created = await ctx.as('admin@demo.test').post('/api/me/api-tokens', { name: 'phone system' });
  assert.equal(created.status, 201);
  const me = await ctx.app.inject({
    method: 'GET',
    url: '/api/me',
    headers: { authorization: `Bearer ${created.body.token}` },
  });
  assert.equal(me.statusCode, 200);
  assert.equal(me.json().email, 'admin@demo.test');
});

test('signing out ends the session', async () => {
  const signIn = await ctx.app.inject({
    method: 'POST',
    url: '/api/session',
    payload: { email: 'tier2@demo.test', password: 'demo' },
  });
  const cookie = signIn.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  await ctx.app.inject({ method: 'DELETE', url: '/api/session', headers: { cookie } });
  const me = await ctx.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } });
  assert.equal(me.statusCode, 401);
});
