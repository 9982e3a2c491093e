import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTestContext } from '../../test/context.ts';

const ctx = await createTestContext();
// A route that fails the way a bug would: an error that is no AppError, carrying a secret.
ctx.app.get('/api/test/explode', { schema: { hide: true } }, async () => {
  throw new Error('connection to 10.0.0.5 failed for user billing with password hunter2');
});

test('every answer names its request in x-request-id', async () => {
  const ids = new Set<string>();
  for (const url of ['/api/health', '/api/me', '/api/no/such/route']) {
    const response = await ctx.anonymous.get(url);
    const id = String(response.headers['x-request-id']);
    assert.match(id, /^[0-9a-f-]{36}$/, url);
    ids.add(id);
  }
  assert.equal(ids.size, 3, 'one id per request');
});

test('a proxy’s request id is kept when it looks like one, replaced when it does not', async () => {
  const kept = await ctx.anonymous.get('/api/health', { 'x-request-id': 'proxy-7f3a9c21' });
  assert.equal(kept.headers['x-request-id'], 'proxy-7f3a9c21');
  const replaced = await ctx.anonymous.get('/api/health', { 'x-request-id': 'bad id\nforged log line' });
  assert.match(String(replaced.headers['x-request-id']), /^[0-9a-f-]{36}$/);
});

test('a 500 is logged with its request id, the id is in the answer, and the answer leaks nothing', async () => {
  const before = ctx.logs.length;
  const response = await ctx.anonymous.get('/api/test/explode');
  assert.equal(response.status, 500);
  assert.match(String(response.headers['content-type']), /application\/problem\+json/);
  const id = String(response.headers['x-request-id']);
  assert.equal(response.body.requestId, id);
  assert.equal(response.body.code, 'internal');
  assert.doesNotMatch(JSON.stringify(response.body), /hunter2|10\.0\.0\.5|billing|stack/);

  const logged = ctx.logs.slice(before).map((line) => JSON.parse(line));
  const entry = logged.find((line) => line.reqId === id);
  assert.ok(entry, `an error line with reqId ${id} in ${JSON.stringify(logged)}`);
  assert.equal(entry.level, 50);
  assert.match(entry.err.message, /hunter2/, 'the log has what the answer hides');
  assert.ok(entry.err.stack);
});

test('refusals (4xx) are not logged as errors', async () => {
  const before = ctx.logs.length;
  await ctx.anonymous.get('/api/me');
  await ctx.anonymous.post('/api/session', { email: 'x' });
  assert.equal(ctx.logs.length, before);
});
