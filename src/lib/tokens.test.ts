import assert from 'node:assert/strict';
import { test } from 'node:test';
import { signPayload, verifyPayload } from './tokens.ts';

const secret = 'a-test-secret-that-is-long-enough-0123456789';
const token = signPayload(secret, { p: 'manage', a: 'x', exp: 1 });

test('a signed payload verifies with its secret and not with another', () => {
  assert.deepEqual(verifyPayload(secret, token), { p: 'manage', a: 'x', exp: 1 });
  assert.equal(verifyPayload(`${secret}!`, token), null);
});

test('only the one canonical spelling of a token is accepted', () => {
  const [body, mac] = token.split('.') as [string, string];
  const lastBits = (text: string) => {
    // The last character of an unpadded base64url text carries bits that decoding ignores.
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const index = alphabet.indexOf(text.at(-1)!);
    return `${text.slice(0, -1)}${alphabet[index ^ 1]}`;
  };
  for (const bad of [
    `${token}.xyz`,
    `${token}.`,
    `${token}=`,
    `${token}xyz`,
    `${body}=.${mac}`,
    `${body}.${mac}=`,
    `.${token}`,
    `${body}.${lastBits(mac)}`,
    `${body} .${mac}`,
    `${body}.${mac.replace(/-/g, '+').replace(/_/g, '/')}`,
    body,
    '',
  ]) {
    if (bad === token) continue;
    assert.equal(verifyPayload(secret, bad), null, `refuses ${JSON.stringify(bad)}`);
  }
});

test('signing or verifying without a secret throws instead of using a guessable one', () => {
  assert.throws(() => signPayload('', { a: 1 }), /no signing secret/);
  assert.throws(() => verifyPayload('', token), /no signing secret/);
});
