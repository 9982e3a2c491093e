import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTestContext } from '../../test/context.ts';
import { book, escalationReadyToBook } from '../modules/booking/test-helpers.ts';

const ctx = await createTestContext();
// Presence is a desk member's own setting: a small change with no other effects.
const supervisor = ctx.as('supervisor.east@demo.test');

async function appointmentStatus(id: string) {
  const row = await ctx.db
    .selectFrom('appointments')
    .select('status')
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return row.status;
}

test('a text/plain form from another port cannot cancel an appointment through the session cookie', async () => {
  const booked = await book(ctx, await escalationReadyToBook(ctx), '2026-11-30T09:00:00-05:00');
  assert.equal(booked.status, 201);
  const id = booked.body.appointment.id;
  const cookie = await cookieOf('agent.east@demo.test');
  const attack = await ctx.app.inject({
    method: 'POST',
    url: `/api/appointments/${id}/cancel`,
    headers: {
      cookie,
      origin: 'http://desk.test:8080',
      'sec-fetch-site': 'same-site',
      'content-type': 'text/plain',
    },
    payload: '{"a":"=b"}',
  });
  assert.equal(attack.statusCode, 403);
  assert.match(String(attack.headers['content-type']), /application\/problem\+json/);
  assert.equal(attack.json().code, 'cross_origin');
  assert.equal(await appointmentStatus(id), 'booked');
  const fromOurPage = await ctx.app.inject({
    method: 'POST',
    url: `/api/appointments/${id}/cancel`,
    headers: { cookie, origin: 'http://desk.test', 'sec-fetch-site': 'same-origin' },
    payload: {},
  });
  assert.equal(fromOurPage.statusCode, 200);
  assert.equal(await appointmentStatus(id), 'cancelled');
});

async function cookieOf(email = 'supervisor.east@demo.test') {
  const response = await ctx.app.inject({
    method: 'POST',
    url: '/api/session',
    payload: { email, password: 'demo' },
  });
  return response.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
}

test('cookie changes are refused for another origin or site, allowed for our own or without browser headers', async () => {
  const cases: Array<[Record<string, string>, number]> = [
    [{ origin: 'http://evil.test' }, 403],
    [{ origin: 'null' }, 403],
    [{ origin: 'http://desk.test:8080' }, 403],
    [{ 'sec-fetch-site': 'cross-site' }, 403],
    [{ 'sec-fetch-site': 'same-site', origin: 'http://desk.test' }, 403],
    [{ origin: 'http://desk.test', 'sec-fetch-site': 'same-origin' }, 200],
    [{ origin: 'http://localhost:80' }, 200], // the Host the request was sent to (inject's default)
    [{ 'sec-fetch-site': 'none' }, 200],
    [{ 'sec-fetch-site': 'same-origin', origin: 'null' }, 200], // a same-origin form under no-referrer
    [{}, 200],
  ];
  for (const [headers, status] of cases) {
    const response = await supervisor.put('/api/me/presence', { presence: 'busy' }, headers);
    assert.equal(response.status, status, JSON.stringify(headers));
    if (status === 403) assert.equal(response.body.code, 'cross_origin');
  }
});

test('reads from another site are not refused (links keep working)', async () => {
  const response = await supervisor.get('/api/me', {
    origin: 'http://evil.test',
    'sec-fetch-site': 'cross-site',
  });
  assert.equal(response.status, 200);
});

test('a bearer token is not affected by the origin check', async () => {
  const created = await supervisor.post('/api/me/api-tokens', { name: 'origin check' });
  assert.equal(created.status, 201);
  const response = await ctx.app.inject({
    method: 'PUT',
    url: '/api/me/presence',
    headers: {
      authorization: `Bearer ${created.body.token}`,
      origin: 'http://evil.test',
      'sec-fetch-site': 'cross-site',
    },
    payload: { presence: 'busy' },
  });
  assert.equal(response.statusCode, 200);
});

test('a sign-in form posted from another site is refused', async () => {
  const response = await ctx.anonymous.post(
    '/api/session',
    { email: 'agent.east@demo.test', password: 'demo' },
    { origin: 'http://evil.test' },
  );
  assert.equal(response.status, 403);
});

test('JSON routes refuse other content types with 415 instead of reading the body as a string', async () => {
  const cookie = await cookieOf();
  for (const type of [
    'text/plain',
    'text/plain; charset=utf-8',
    'application/xml',
    'multipart/form-data; boundary=x',
  ]) {
    const response = await ctx.app.inject({
      method: 'PUT',
      url: '/api/me/presence',
      headers: { cookie, 'content-type': type },
      payload: '{"presence":"busy"}',
    });
    assert.equal(response.statusCode, 415, type);
    assert.match(String(response.headers['content-type']), /application\/problem\+json/);
    assert.equal(response.json().code, 'unsupported_media_type');
  }
});
