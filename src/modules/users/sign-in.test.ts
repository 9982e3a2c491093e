import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTestContext } from '../../../test/context.ts';
import { signInLimits } from './sign-in.ts';

const ctx = await createTestContext();

function signIn(email: string, password: string, address = '192.0.2.1') {
  return ctx.app.inject({
    method: 'POST',
    url: '/api/session',
    payload: { email, password },
    remoteAddress: address,
  });
}

test('repeated failures for one email answer 429 with Retry-After; the window passing frees it', async () => {
  const email = 'agent.west@demo.test';
  for (let i = 0; i < signInLimits.perEmail; i++) {
    assert.equal((await signIn(email, `wrong ${i}`, `192.0.2.${10 + i}`)).statusCode, 401);
  }
  const refused = await signIn(email, 'demo', '192.0.2.99');
  assert.equal(refused.statusCode, 429, 'even the right password waits: the email is throttled');
  assert.match(String(refused.headers['content-type']), /application\/problem\+json/);
  assert.equal(refused.json().code, 'rate_limited');
  const retryAfter = Number(refused.headers['retry-after']);
  assert.ok(retryAfter > 0 && retryAfter <= signInLimits.windowMs / 1000, String(retryAfter));

  ctx.clock.advance(signInLimits.windowMs + 1000);
  assert.equal((await signIn(email, 'demo')).statusCode, 200);
});

test('a right password resets the email’s count', async () => {
  const email = 'lead.west@demo.test';
  for (let round = 0; round < 3; round++) {
    for (let i = 0; i < signInLimits.perEmail - 1; i++) {
      assert.equal((await signIn(email, 'wrong', `198.51.100.${round}`)).statusCode, 401);
    }
    assert.equal((await signIn(email, 'demo', `198.51.100.${round}`)).statusCode, 200);
  }
});

test('one address trying many emails is throttled; other addresses are not', async () => {
  const address = '203.0.113.7';
  for (let i = 0; i < signInLimits.perAddress; i++) {
    const response = await signIn(`nobody${i}@demo.test`, 'guess', address);
    assert.equal(response.statusCode, 401, `try ${i}`);
  }
  const refused = await signIn('sme.east@demo.test', 'demo', address);
  assert.equal(refused.statusCode, 429);
  assert.ok(Number(refused.headers['retry-after']) > 0);
  assert.equal((await signIn('sme.east@demo.test', 'demo', '203.0.113.8')).statusCode, 200);
});

test('unknown emails are throttled like known ones and cost the same password check', async () => {
  const unknown = 'no.such.person@demo.test';
  for (let i = 0; i < signInLimits.perEmail; i++) {
    assert.equal((await signIn(unknown, 'guess', `192.0.2.${100 + i}`)).statusCode, 401);
  }
  assert.equal((await signIn(unknown, 'guess', '192.0.2.200')).statusCode, 429);

  const timeOf = async (email: string, address: string) => {
    const started = performance.now();
    const response = await signIn(email, 'wrong password', address);
    assert.equal(response.statusCode, 401);
    return performance.now() - started;
  };
  const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const known: number[] = [];
  const missing: number[] = [];
  for (let i = 0; i < 3; i++) {
    known.push(await timeOf('exec@demo.test', `192.0.2.${210 + i}`));
    missing.push(await timeOf(`ghost${i}@demo.test`, `192.0.2.${220 + i}`));
  }
  // Both run one scrypt derivation (tens of ms); without the decoy an unknown email took ~2 ms.
  assert.ok(
    median(missing) > median(known) / 3,
    `unknown ${median(missing)} ms vs known ${median(known)} ms`,
  );
});

test('the failure counts live in the database, so every process sees them', async () => {
  const rows = await ctx.db
    .selectFrom('sign_in_failures')
    .select(['email', 'address'])
    .where('email', '=', 'exec@demo.test')
    .execute();
  assert.ok(rows.length >= 3);
  assert.ok(rows.every((row) => row.address.startsWith('192.0.2.')));
});
