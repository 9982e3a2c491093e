import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeMomentIn, describeWindowIn } from './date-words.ts';

test('a moment reads as day, time and zone name in the reader zone', () => {
  const cases: [string, string, string, string][] = [
    [
      'winter, New York',
      '2026-12-01T13:30:00Z',
      'America/New_York',
      'Tuesday 1 December, 8:30 AM Eastern Time',
    ],
    [
      'summer, New York (EDT)',
      '2026-07-01T15:30:00Z',
      'America/New_York',
      'Wednesday 1 July, 11:30 AM Eastern Time',
    ],
    [
      'the same instant in Los Angeles',
      '2026-12-01T13:30:00Z',
      'America/Los_Angeles',
      'Tuesday 1 December, 5:30 AM Pacific Time',
    ],
    ['Chicago', '2026-12-01T13:30:00Z', 'America/Chicago', 'Tuesday 1 December, 7:30 AM Central Time'],
    ['Denver', '2026-12-01T13:30:00Z', 'America/Denver', 'Tuesday 1 December, 6:30 AM Mountain Time'],
    [
      'Phoenix keeps standard time',
      '2026-07-01T13:30:00Z',
      'America/Phoenix',
      'Wednesday 1 July, 6:30 AM Mountain Standard Time',
    ],
    [
      'the next day in Sydney',
      '2026-12-01T13:30:00Z',
      'Australia/Sydney',
      'Wednesday 2 December, 12:30 AM Australian Eastern Time',
    ],
    ['UTC', '2026-12-01T13:30:00Z', 'UTC', 'Tuesday 1 December, 1:30 PM Coordinated Universal Time'],
    ['noon', '2026-12-01T17:00:00Z', 'America/New_York', 'Tuesday 1 December, 12:00 PM Eastern Time'],
    ['midnight', '2026-12-01T05:00:00Z', 'America/New_York', 'Tuesday 1 December, 12:00 AM Eastern Time'],
    [
      'after the spring change (no 2:30 that night)',
      '2027-03-14T07:30:00Z',
      'America/New_York',
      'Sunday 14 March, 3:30 AM Eastern Time',
    ],
    [
      'before the spring change',
      '2027-03-14T06:30:00Z',
      'America/New_York',
      'Sunday 14 March, 1:30 AM Eastern Time',
    ],
    [
      'the first 1:30 of the fall-back night',
      '2026-11-01T05:30:00Z',
      'America/New_York',
      'Sunday 1 November, 1:30 AM Eastern Time (EDT)',
    ],
    [
      'the second 1:30 of the fall-back night',
      '2026-11-01T06:30:00Z',
      'America/New_York',
      'Sunday 1 November, 1:30 AM Eastern Time (EST)',
    ],
    [
      'after the fall-back hour',
      '2026-11-01T07:30:00Z',
      'America/New_York',
      'Sunday 1 November, 2:30 AM Eastern Time',
    ],
  ];
  for (const [name, iso, zone, expected] of cases) {
    assert.equal(describeMomentIn(new Date(iso), zone), expected, name);
  }
});

test('a window reads as its day and both times, zone once', () => {
  const cases: [string, string, string, string, { date: string; window: string }][] = [
    [
      'morning window in New York',
      '2026-12-01T13:30:00Z',
      '2026-12-01T14:00:00Z',
      'America/New_York',
      { date: 'Tuesday 1 December', window: '8:30 AM – 9:00 AM Eastern Time' },
    ],
    [
      'across noon in Los Angeles',
      '2026-12-01T19:30:00Z',
      '2026-12-01T20:00:00Z',
      'America/Los_Angeles',
      { date: 'Tuesday 1 December', window: '11:30 AM – 12:00 PM Pacific Time' },
    ],
  ];
  for (const [name, start, end, zone, expected] of cases) {
    assert.deepEqual(describeWindowIn(new Date(start), new Date(end), zone), expected, name);
  }
});
