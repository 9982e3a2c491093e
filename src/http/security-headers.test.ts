import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { createTestContext } from '../../test/context.ts';
import { book, escalationReadyToBook, tokenOf } from '../modules/booking/test-helpers.ts';

const ctx = await createTestContext();

function directives(policy: unknown): Map<string, string> {
  return new Map(
    String(policy)
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name, ...values]) => [name!, values.join(' ')]),
  );
}

test('every answer carries the security headers and a CSP without inline scripts or styles', async () => {
  for (const url of ['/api/health', '/api/me', '/', '/no/such/page']) {
    const response = await ctx.anonymous.get(url);
    const policy = directives(response.headers['content-security-policy']);
    assert.equal(policy.get('script-src'), "'self'", url);
    assert.equal(policy.get('style-src'), "'self'", url);
    assert.equal(policy.get('frame-ancestors'), "'none'", url);
    assert.ok(!policy.has('upgrade-insecure-requests'), 'plain http installations are not sent to https');
    assert.equal(response.headers['x-content-type-options'], 'nosniff');
    assert.equal(response.headers['x-frame-options'], 'SAMEORIGIN');
    assert.equal(response.headers['referrer-policy'], 'same-origin');
    assert.equal(response.headers['strict-transport-security'], undefined, 'HSTS only on https');
  }
});

test('the manage page allows exactly its own inline style block and no script', async () => {
  const booked = await book(ctx, await escalationReadyToBook(ctx), '2026-11-30T09:00:00-05:00');
  const page = await ctx.anonymous.get(`/manage/${tokenOf(booked.body.confirmation.manageUrl)}`);
  assert.equal(page.status, 200);
  const policy = directives(page.headers['content-security-policy']);
  const blocks = [...String(page.body).matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]!);
  assert.equal(blocks.length, 1);
  const hash = createHash('sha256').update(blocks[0]!).digest('base64');
  assert.equal(policy.get('style-src'), `'sha256-${hash}'`);
  assert.equal(policy.get('default-src'), "'none'");
  assert.equal(policy.get('form-action'), "'self'");
  assert.doesNotMatch(page.body, /<script|style="/);
  const refusal = await ctx.anonymous.get('/manage/nonsense');
  assert.equal(refusal.status, 403);
  assert.equal(directives(refusal.headers['content-security-policy']).get('style-src'), `'sha256-${hash}'`);
});
