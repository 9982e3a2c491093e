import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addAllowedMinutes, isQuiet, nextAllowedTime, type QuietHours } from './quiet-hours.ts';

const night: QuietHours = { start: '21:00', end: '08:00' };
const ny = 'America/New_York';
const la = 'America/Los_Angeles';

test('quiet hours are read in the customer zone, including either side of a DST change', () => {
  const cases: Array<[string, string, string, boolean]> = [
    ['10:00 EST is allowed', '2026-11-26T15:00:00Z', ny, false],
    ['20:59 EST is allowed', '2026-11-27T01:59:00Z', ny, false],
    ['21:00 EST is quiet', '2026-11-27T02:00:00Z', ny, true],
    ['07:59 EST is quiet', '2026-11-26T12:59:00Z', ny, true],
    ['08:00 EST is allowed', '2026-11-26T13:00:00Z', ny, false],
    ['the repeated 01:30 of the fall-back night is quiet', '2026-11-01T05:30:00Z', ny, true],
    ['07:59 EDT before the spring change is quiet', '2027-03-13T12:59:00Z', ny, true],
    ['08:00 EDT after the spring change is allowed', '2027-03-14T12:00:00Z', ny, false],
    [
      '07:30 EDT after the spring change is quiet (naive UTC-5 would say 08:30)',
      '2027-03-14T11:30:00Z',
      ny,
      true,
    ],
    ['same instant is 22:00 in Los Angeles, quiet', '2026-11-26T06:00:00Z', la, true],
  ];
  for (const [name, at, zone, expected] of cases) {
    assert.equal(isQuiet(new Date(at), zone, night), expected, name);
  }
});

test('the next allowed time is the end of the quiet period, on the wall clock of that day', () => {
  const cases: Array<[string, string, string, QuietHours, string]> = [
    ['allowed now stays now', '2026-11-26T15:00:00Z', ny, night, '2026-11-26T15:00:00.000Z'],
    ['22:00 EST waits for 08:00 EST', '2026-11-26T03:00:00Z', ny, night, '2026-11-26T13:00:00.000Z'],
    ['21:30 PST waits for 08:00 PST', '2026-11-26T05:30:00Z', la, night, '2026-11-26T16:00:00.000Z'],
    ['fall-back night: 08:00 EST is 13:00Z', '2026-11-01T02:00:00Z', ny, night, '2026-11-01T13:00:00.000Z'],
    [
      'spring-forward night: 08:00 EDT is 12:00Z',
      '2027-03-14T03:00:00Z',
      ny,
      night,
      '2027-03-14T12:00:00.000Z',
    ],
    [
      'an end inside the spring-forward gap (02:30) moves to 03:30 EDT',
      '2027-03-14T06:10:00Z',
      ny,
      { start: '01:00', end: '02:30' },
      '2027-03-14T07:30:00.000Z',
    ],
    [
      'equal start and end means no quiet hours',
      '2026-11-26T03:00:00Z',
      ny,
      { start: '00:00', end: '00:00' },
      '2026-11-26T03:00:00.000Z',
    ],
  ];
  for (const [name, at, zone, quiet, expected] of cases) {
    assert.equal(nextAllowedTime(new Date(at), zone, quiet).toISOString(), expected, name);
  }
});

test('a promise clock counts only allowed time and says where it paused, across DST changes', () => {
  const cases: Array<[string, string, number, string, QuietHours, string, [string, string] | null]> = [
    [
      'daytime: 15 minutes are 15 minutes',
      '2026-11-26T15:00:00Z',
      15,
      ny,
      night,
      '2026-11-26T15:15:00.000Z',
      null,
    ],
    [
      '20:55 EST + 15 min runs 5 min, pauses, and ends 08:10 EST',
      '2026-11-27T01:55:00Z',
      15,
      ny,
      night,
      '2026-11-27T13:10:00.000Z',
      ['2026-11-27T02:00:00.000Z', '2026-11-27T13:00:00.000Z'],
    ],
    [
      'across the fall-back night (25 hours long) it resumes at 08:00 EST',
      '2026-11-01T00:55:00Z',
      15,
      ny,
      night,
      '2026-11-01T13:10:00.000Z',
      ['2026-11-01T01:00:00.000Z', '2026-11-01T13:00:00.000Z'],
    ],
    [
      'across the spring-forward night (23 hours long) it resumes at 08:00 EDT',
      '2027-03-14T01:55:00Z',
      15,
      ny,
      night,
      '2027-03-14T12:10:00.000Z',
      ['2027-03-14T02:00:00.000Z', '2027-03-14T12:00:00.000Z'],
    ],
    [
      'starting inside quiet hours waits for their end first',
      '2026-11-26T03:00:00Z',
      5,
      ny,
      night,
      '2026-11-26T13:05:00.000Z',
      ['2026-11-26T03:00:00.000Z', '2026-11-26T13:00:00.000Z'],
    ],
    [
      'daytime quiet hours (lunch 12:00-13:00) pause a clock too',
      '2026-11-26T16:50:00Z',
      15,
      ny,
      { start: '12:00', end: '13:00' },
      '2026-11-26T18:05:00.000Z',
      ['2026-11-26T17:00:00.000Z', '2026-11-26T18:00:00.000Z'],
    ],
  ];
  for (const [name, from, minutes, zone, quiet, due, pause] of cases) {
    const result = addAllowedMinutes(new Date(from), minutes, zone, quiet);
    assert.equal(result.dueAt.toISOString(), due, name);
    assert.deepEqual(
      result.pause ? [result.pause.from.toISOString(), result.pause.until.toISOString()] : null,
      pause,
      name,
    );
  }
});
