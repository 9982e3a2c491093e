import assert from 'node:assert/strict';
import { test } from 'node:test';
import { estimateWait, isThresholdReached, waitedSeconds } from './wait.ts';

test('estimate: moving average × position ÷ available members; none available gives no number', () => {
  const cases: Array<[number[], number, number, number | null]> = [
    [[], 1, 1, 60],
    [[], 1, 2, 30],
    [[30, 90], 3, 2, 90],
    [[120], 1, 4, 30],
    [[10, 20, 30], 2, 1, 40],
    [[50], 1, 0, null],
  ];
  for (const [recent, position, available, expected] of cases) {
    const estimate = estimateWait(recent, position, available);
    assert.equal(estimate.estimatedWaitSeconds, expected, `${recent} ${position} ${available}`);
    assert.equal(estimate.hasAvailableMembers, available > 0);
  }
});

test('waited seconds stop at the answer; the threshold is reached by clock or by the timer mark', () => {
  const base = {
    enqueued_at: new Date('2026-11-26T15:00:00Z'),
    answered_at: null,
    abandoned_at: null,
    threshold_seconds: 180,
    threshold_reached_at: null,
  };
  const now = new Date('2026-11-26T15:03:00Z');
  assert.equal(waitedSeconds(base, now), 180);
  assert.equal(isThresholdReached(base, new Date('2026-11-26T15:02:59Z')), false);
  assert.equal(isThresholdReached(base, now), true);
  const answered = { ...base, answered_at: new Date('2026-11-26T15:01:00Z') };
  assert.equal(waitedSeconds(answered, now), 60);
  assert.equal(isThresholdReached(answered, now), false);
  assert.equal(isThresholdReached({ ...answered, threshold_reached_at: now }, now), true);
});
