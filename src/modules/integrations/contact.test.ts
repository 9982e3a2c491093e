import assert from 'node:assert/strict';
import { test } from 'node:test';
import { normaliseEmail, normalisePhone, normaliseTimeZone } from './contact.ts';

test('phone numbers are normalised to E.164, or refused', () => {
  const cases: [string, string | null][] = [
    ['+1 555 200 0000', '+15552000000'],
    ['(555) 200-0000', '+15552000000'],
    ['555.200.0000', '+15552000000'],
    ['1-555-200-0000', '+15552000000'],
    ['+44 20 7946 0958', '+442079460958'],
    ['0044 20 7946 0958', '+442079460958'],
    ['2000000', null],
    ['+0 555 200 0000', null],
    ['call me', null],
    ['', null],
    ['+1555200000012345', null],
  ];
  for (const [raw, expected] of cases) assert.equal(normalisePhone(raw), expected, raw);
});

test('emails and time zones', () => {
  assert.equal(normaliseEmail(' Ana@Example.COM '), 'ana@example.com');
  assert.equal(normaliseEmail('ana@example'), null);
  assert.equal(normaliseEmail('a b@example.com'), null);
  assert.equal(normaliseTimeZone('America/New_York'), 'America/New_York');
  assert.equal(normaliseTimeZone('utc'), 'UTC');
  assert.equal(normaliseTimeZone('+05:00'), null);
  assert.equal(normaliseTimeZone('Mars/Base'), null);
});
