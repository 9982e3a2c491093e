import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTestContext } from '../../test/context.ts';

// What the framework answers by itself (router, body parser) is problem+json and documented.
const ctx = await createTestContext();

type Operation = { responses: Record<string, { content?: Record<string, unknown> }> };
const document = (await ctx.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
  paths: Record<string, Record<string, Operation>>;
};

async function inject(
  method: 'GET' | 'POST',
  url: string,
  headers: Record<string, string> = {},
  payload?: string,
) {
  const response = await ctx.app.inject({
    method,
    url,
    headers,
    ...(payload === undefined ? {} : { payload }),
  });
  assert.match(String(response.headers['content-type']), /^application\/problem\+json/, response.body);
  return { status: response.statusCode, body: response.json() };
}

test('an unknown API route is a 404 problem', async () => {
  const response = await inject('GET', '/api/no-such-thing');
  assert.equal(response.status, 404);
  assert.equal(response.body.code, 'not_found');
});

test('malformed JSON, a body too large and an unknown content type are problems', async () => {
  const json = { 'content-type': 'application/json' };
  const malformed = await inject('POST', '/api/session', json, '{"email":');
  assert.deepEqual([malformed.status, malformed.body.code], [400, 'validation_failed']);
  const large = await inject(
    'POST',
    '/api/session',
    json,
    JSON.stringify({ email: 'x'.repeat(1100 * 1024) }),
  );
  assert.deepEqual([large.status, large.body.code], [413, 'payload_too_large']);
  const unknown = await inject('POST', '/api/session', { 'content-type': 'application/x-unknown' }, 'x');
  assert.deepEqual([unknown.status, unknown.body.code], [415, 'unsupported_media_type']);
});

test('an over-long path parameter is a 414 problem', async () => {
  // A GET falls through to the web app's wildcard instead (404); other methods have none.
  const response = await inject('POST', `/api/transfers/${'a'.repeat(1001)}/answer`);
  assert.deepEqual([response.status, response.body.code], [414, 'uri_too_long']);
});

test('every documented route lists its errors as application/problem+json', () => {
  const wrong: string[] = [];
  for (const [path, operations] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      for (const status of ['400', '429', '500']) {
        if (!operation.responses[status]) wrong.push(`${method} ${path} does not document ${status}`);
      }
      for (const [status, response] of Object.entries(operation.responses)) {
        if (Number(status) < 400) continue;
        const types = Object.keys(response.content ?? {});
        if (types.join() !== 'application/problem+json') wrong.push(`${method} ${path} ${status}: ${types}`);
      }
      if (path.includes('{') && !operation.responses['414'])
        wrong.push(`${method} ${path} does not document 414`);
    }
  }
  assert.deepEqual(wrong, []);
});

test('a request line too long for the HTTP parser is a 431 problem, over real HTTP', async () => {
  const address = await ctx.app.listen({ port: 0, host: '127.0.0.1' });
  const response = await fetch(`${address}/api/jobs?q=${'x'.repeat(20_000)}`);
  assert.equal(response.status, 431);
  assert.match(response.headers.get('content-type') ?? '', /^application\/problem\+json/);
  const body = (await response.json()) as { code: string; status: number };
  assert.deepEqual([body.status, body.code], [431, 'headers_too_large']);
});
