import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { createTestContext } from '../../test/context.ts';
import { webDist } from './web-app.ts';

const ctx = await createTestContext();
const isBuilt = existsSync(path.join(webDist, 'index.html'));

test('an unknown API path is a problem+json 404, never the web page', async () => {
  const response = await ctx.anonymous.get('/api/no-such-thing');
  assert.equal(response.status, 404);
  assert.match(String(response.headers['content-type']), /problem\+json/);
  assert.equal(response.body.code, 'not_found');
});

test('a path under /manage that no route serves is a 404, never the web page', async () => {
  const response = await ctx.anonymous.get('/manage');
  assert.equal(response.status, 404);
  assert.doesNotMatch(String(response.headers['content-type']), /text\/html/);
});

test('a deep link of the web app answers with the app (or says how to build it)', async () => {
  const response = await ctx.anonymous.get('/tasks/board?status=waiting');
  if (isBuilt) {
    assert.equal(response.status, 200);
    assert.match(String(response.headers['content-type']), /text\/html/);
    assert.match(String(response.body), /<div id="root">/);
  } else {
    assert.equal(response.status, 503);
    assert.match(String(response.body), /build:web/);
  }
});

test('a path that climbs out of web/dist is not served', async () => {
  const response = await ctx.anonymous.get('/..%2f..%2fpackage.json');
  assert.doesNotMatch(String(response.body), /"name": "escalation-desk"/);
});

test('API routes still win over the web app', async () => {
  const response = await ctx.anonymous.get('/api/health');
  assert.equal(response.status, 200);
  assert.equal(response.body.status, 'ok');
});
