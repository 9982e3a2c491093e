import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTestContext } from '../../test/context.ts';

// PostgreSQL refuses U+0000, so these answered 500 before the check at the edge.
const ctx = await createTestContext();
const admin = ctx.as('admin@demo.test');

function assertRefused(
  response: {
    status: number;
    headers: Record<string, unknown>;
    body: { code: string; field: string; detail: string };
  },
  field: string,
) {
  assert.equal(response.status, 400, JSON.stringify(response.body));
  assert.match(String(response.headers['content-type']), /^application\/problem\+json/);
  assert.equal(response.body.code, 'validation_failed');
  assert.equal(response.body.field, field);
  assert.match(
    response.body.detail,
    new RegExp(`^${field.replace(/[.[\]]/g, '\\$&')} contains a control character`),
  );
}

test('a NUL in the sign-in email is a 400 naming the field', async () => {
  const response = await ctx.anonymous.post('/api/session', {
    email: 'admin@demo.test\u0000',
    password: 'demo',
  });
  assertRefused(response, 'body.email');
});

test('control characters in search, path parameters and query keys are refused', async () => {
  assertRefused(await admin.get('/api/jobs?q=J-1%00'), 'query.q');
  assertRefused(await admin.get('/api/admin/users?q=%1B'), 'query.q');
  assertRefused(await admin.get('/api/jobs/J-100110%00'), 'path.number');
  const key = await admin.get('/api/jobs?q=x&a%07b=1');
  assert.equal(key.status, 400);
  assert.match(key.body.detail, /^a key of query contains a control character \(U\+0007\)/);
});

test('free text keeps tab and line breaks but refuses NUL, and nothing is written', async () => {
  const before = await admin.get('/api/jobs/J-100110');
  const refused = await admin.post('/api/jobs/J-100110/notes', { body: 'called\u0000twice' });
  assertRefused(refused, 'body.body');
  assert.match(refused.body.detail, /only tab, line feed and carriage return are allowed/);
  const after = await admin.get('/api/jobs/J-100110');
  assert.equal(after.body.notes.length, before.body.notes.length);

  const kept = await admin.post('/api/jobs/J-100110/notes', { body: 'first line\r\nsecond\tline' });
  assert.equal(kept.status, 201);
  assert.equal(kept.body.body, 'first line\r\nsecond\tline');
});

test('single-line fields such as names refuse line breaks too', async () => {
  const teams = await admin.get('/api/admin/teams');
  const team = teams.body.items[0];
  assertRefused(await admin.patch(`/api/admin/teams/${team.id}`, { name: 'Two\nlines' }), 'body.name');
  const unchanged = await admin.get('/api/admin/teams');
  assert.equal(unchanged.body.items[0].name, team.name);
  const user = await admin.post('/api/admin/users', {
    email: 'new.person@demo.test',
    name: 'New\u0000Person',
    role: 'agent',
    password: 'long enough',
  });
  assertRefused(user, 'body.name');
});
