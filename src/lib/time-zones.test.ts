import assert from 'node:assert/strict';
import { test } from 'node:test';
import { canonicalTimeZone, isIanaTimeZone } from './time-zones.ts';

test('IANA names are accepted and spelled canonically', () => {
  assert.equal(canonicalTimeZone('America/New_York'), 'America/New_York');
  assert.equal(canonicalTimeZone('utc'), 'UTC');
  assert.equal(isIanaTimeZone('Europe/London'), true);
});

test('offsets, unknown names and junk are refused', () => {
  for (const name of ['+05:00', '-0800', 'Mars/Olympus', '', 'America/New York', 'EST is fine?']) {
    assert.equal(isIanaTimeZone(name), false, name);
  }
});
