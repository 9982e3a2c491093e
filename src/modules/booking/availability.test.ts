import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AppError } from '../../lib/errors.ts';
import {
  type DatedException,
  type DeskRules,
  describeAvailability,
  findAlternatives,
  type WeeklyHours,
} from './availability.ts';

const weekdays = [1, 2, 3, 4, 5];
const allWeek = [1, 2, 3, 4, 5, 6, 7];
const hours = (userId: string, days: number[], start: string, end: string): WeeklyHours[] =>
  days.map((weekday) => ({ userId, weekday, startMinute: minutes(start), endMinute: minutes(end) }));
function minutes(hhmm: string) {
  const [h, m] = hhmm.split(':').map(Number);
  return h! * 60 + m!;
}

function rules(overrides: Partial<DeskRules> = {}): DeskRules {
  return {
    siteZone: 'America/New_York',
    windowMinutes: 30,
    callbacksPerMember: 1,
    minNoticeMinutes: 0,
    horizonDays: 400,
    schedules: hours('m1', weekdays, '08:00', '17:00'),
    exceptions: [],
    booked: new Map(),
    ...overrides,
  };
}

const longAgo = new Date('2026-01-01T00:00:00Z');
const starts = (days: ReturnType<typeof describeAvailability>) =>
  days.flatMap((d) => d.windows.map((w) => w.start));

type ZoneCase = {
  name: string;
  rules: DeskRules;
  from: string;
  days: number;
  tz: string;
  counts: number[];
  first?: string;
  last?: string;
  includes?: Array<{ start: string; end: string }>;
  /** Local start times (or prefixes of them) that must not be offered. */
  excludes?: string[];
};

const deskAllDay = (zone: string) =>
  rules({ siteZone: zone, schedules: hours('m1', allWeek, '00:00', '24:00') });

const zoneCases: ZoneCase[] = [
  {
    name: 'a New York desk seen from New York',
    rules: rules(),
    from: '2026-11-30',
    days: 1,
    tz: 'America/New_York',
    counts: [18],
    first: '2026-11-30T08:00:00-05:00',
    last: '2026-11-30T16:30:00-05:00',
  },
  {
    name: 'a New York desk seen from Los Angeles',
    rules: rules(),
    from: '2026-11-30',
    days: 1,
    tz: 'America/Los_Angeles',
    counts: [18],
    first: '2026-11-30T05:00:00-08:00',
  },
  {
    name: 'a New York desk seen from Tokyo: one desk day spans two customer dates',
    rules: rules(),
    from: '2026-11-30',
    days: 2,
    tz: 'Asia/Tokyo',
    counts: [4, 18],
    first: '2026-11-30T22:00:00+09:00',
    includes: [{ start: '2026-12-01T06:30:00+09:00', end: '2026-12-01T07:00:00+09:00' }],
  },
  {
    name: 'a Kolkata customer (half-hour offset) of a Los Angeles desk',
    rules: rules({ siteZone: 'America/Los_Angeles' }),
    from: '2026-12-01',
    days: 1,
    tz: 'Asia/Kolkata',
    counts: [18],
    first: '2026-12-01T00:00:00+05:30',
    includes: [{ start: '2026-12-01T21:30:00+05:30', end: '2026-12-01T22:00:00+05:30' }],
  },
  {
    name: 'US spring forward (2026-03-08): 02:00 and 02:30 do not exist',
    rules: deskAllDay('America/New_York'),
    from: '2026-03-08',
    days: 1,
    tz: 'America/New_York',
    counts: [46],
    includes: [
      { start: '2026-03-08T01:30:00-05:00', end: '2026-03-08T03:00:00-04:00' },
      { start: '2026-03-08T03:00:00-04:00', end: '2026-03-08T03:30:00-04:00' },
    ],
    excludes: ['2026-03-08T02:'],
  },
  {
    name: 'US fall back (2026-11-01): the repeated hour is offered once',
    rules: deskAllDay('America/New_York'),
    from: '2026-11-01',
    days: 1,
    tz: 'America/New_York',
    counts: [48],
    includes: [
      { start: '2026-11-01T01:00:00-04:00', end: '2026-11-01T01:30:00-04:00' },
      { start: '2026-11-01T01:30:00-04:00', end: '2026-11-01T01:00:00-05:00' },
      { start: '2026-11-01T02:00:00-05:00', end: '2026-11-01T02:30:00-05:00' },
    ],
    excludes: ['2026-11-01T01:00:00-05:00', '2026-11-01T01:30:00-05:00'],
  },
  {
    name: 'a Los Angeles desk on its spring-forward day, seen from UTC',
    rules: deskAllDay('America/Los_Angeles'),
    from: '2026-03-08',
    days: 1,
    tz: 'UTC',
    // UTC 2026-03-08 is LA 03-07 16:00 PST … 03-08 17:00 PDT: 48 windows, none doubled or lost.
    counts: [48],
    includes: [{ start: '2026-03-08T09:30:00+00:00', end: '2026-03-08T10:00:00+00:00' }],
  },
  {
    name: 'a New York customer on their fall-back day, London desk (25-hour day)',
    rules: deskAllDay('Europe/London'),
    from: '2026-11-01',
    days: 1,
    tz: 'America/New_York',
    counts: [50],
  },
  {
    name: 'a New York customer on their spring-forward day, London desk (23-hour day)',
    rules: deskAllDay('Europe/London'),
    from: '2026-03-08',
    days: 1,
    tz: 'America/New_York',
    counts: [46],
  },
  {
    name: 'EU spring forward (2026-03-29) at a London desk',
    rules: deskAllDay('Europe/London'),
    from: '2026-03-29',
    days: 1,
    tz: 'Europe/London',
    counts: [46],
    excludes: ['2026-03-29T01:'],
  },
  {
    name: 'EU fall back (2026-10-25) at a London desk',
    rules: deskAllDay('Europe/London'),
    from: '2026-10-25',
    days: 1,
    tz: 'Europe/London',
    counts: [48],
    includes: [{ start: '2026-10-25T01:30:00+01:00', end: '2026-10-25T01:00:00+00:00' }],
  },
  {
    name: 'a 60-minute window across the US spring gap keeps its exact length',
    rules: { ...deskAllDay('America/New_York'), windowMinutes: 60 },
    from: '2026-03-08',
    days: 1,
    tz: 'America/New_York',
    counts: [23],
    includes: [{ start: '2026-03-08T01:00:00-05:00', end: '2026-03-08T03:00:00-04:00' }],
  },
];

for (const c of zoneCases) {
  test(`availability: ${c.name}`, () => {
    const days = describeAvailability(c.rules, { from: c.from, days: c.days, tz: c.tz, now: longAgo });
    assert.deepEqual(
      days.map((d) => d.windows.length),
      c.counts,
    );
    const all = starts(days);
    assert.equal(new Set(all).size, all.length, 'no window is listed twice');
    const instants = all.map((s) => Date.parse(s));
    assert.deepEqual(
      instants,
      [...instants].sort((a, b) => a - b),
      'windows are in time order',
    );
    for (const day of days) {
      for (const window of day.windows) assert.equal(window.start.slice(0, 10), day.date);
    }
    if (c.first) assert.equal(all[0], c.first);
    if (c.last) assert.equal(all.at(-1), c.last);
    const windows = days.flatMap((d) => d.windows);
    for (const expected of c.includes ?? []) {
      assert.ok(
        windows.some((w) => w.start === expected.start && w.end === expected.end),
        `${expected.start}–${expected.end} is offered`,
      );
    }
    for (const missing of c.excludes ?? []) {
      assert.ok(!windows.some((w) => w.start.startsWith(missing)), `no window starts at ${missing}`);
    }
  });
}

type StaffCase = {
  name: string;
  overrides: Partial<DeskRules>;
  date: string;
  now?: string;
  expected: Record<string, number>;
  count?: number;
};

const threeMembers = [
  ...hours('a', weekdays, '08:00', '17:00'),
  ...hours('b', weekdays, '08:00', '12:00'),
  ...hours('b', weekdays, '12:00', '17:00'),
  ...hours('c', weekdays, '12:00', '20:00'),
];
const off = (userId: string | null, date: string, from?: string, to?: string): DatedException => ({
  userId,
  date,
  kind: 'off',
  startMinute: from ? minutes(from) : null,
  endMinute: to ? minutes(to) : null,
});

const staffCases: StaffCase[] = [
  {
    name: 'capacity is members working all of the window times callbacks per member',
    overrides: { schedules: threeMembers, callbacksPerMember: 2 },
    date: '2026-11-30',
    expected: { '08:00': 4, '11:30': 4, '12:00': 6, '16:30': 6, '17:00': 2, '19:30': 2 },
    count: 24,
  },
  {
    name: 'booked places are taken away and full windows are not offered',
    overrides: {
      schedules: threeMembers,
      booked: new Map([
        [Date.parse('2026-11-30T13:00:00Z'), 1],
        [Date.parse('2026-11-30T17:00:00Z'), 3],
      ]),
    },
    date: '2026-11-30',
    expected: { '08:00': 1, '08:30': 2, '12:30': 3 },
    count: 23,
  },
  {
    name: 'a member with the day off does not count',
    overrides: { schedules: threeMembers, exceptions: [off('a', '2026-11-30')] },
    date: '2026-11-30',
    expected: { '08:00': 1, '12:00': 2 },
  },
  {
    name: 'a desk holiday closes the whole day',
    overrides: { schedules: threeMembers, exceptions: [off(null, '2026-11-30')] },
    date: '2026-11-30',
    expected: {},
    count: 0,
  },
  {
    name: 'part-day time off removes only the windows it touches',
    overrides: { exceptions: [off('m1', '2026-11-30', '12:15', '13:00')] },
    date: '2026-11-30',
    expected: { '11:30': 1, '13:00': 1 },
    count: 16,
  },
  {
    name: 'extra hours on a Saturday open windows',
    overrides: {
      exceptions: [
        {
          userId: 'm1',
          date: '2026-12-05',
          kind: 'extra',
          startMinute: minutes('10:00'),
          endMinute: minutes('12:00'),
        },
      ],
    },
    date: '2026-12-05',
    expected: { '10:00': 1, '11:30': 1 },
    count: 4,
  },
  {
    name: 'minimum notice hides windows starting too soon',
    overrides: { minNoticeMinutes: 30 },
    date: '2026-11-30',
    now: '2026-11-30T13:10:00Z',
    expected: { '09:00': 1 },
    count: 16,
  },
  {
    name: 'the booking horizon hides windows too far ahead',
    overrides: { horizonDays: 1 },
    date: '2026-12-01',
    now: '2026-11-30T18:00:00Z',
    expected: { '08:00': 1, '12:30': 1 },
    count: 10,
  },
];

for (const c of staffCases) {
  test(`availability: ${c.name}`, () => {
    const [day] = describeAvailability(rules(c.overrides), {
      from: c.date,
      days: 1,
      tz: 'America/New_York',
      now: c.now ? new Date(c.now) : longAgo,
    });
    const byTime = new Map(day!.windows.map((w) => [w.start.slice(11, 16), w.remaining]));
    for (const [time, remaining] of Object.entries(c.expected))
      assert.equal(byTime.get(time), remaining, time);
    if (c.count !== undefined) assert.equal(day!.windows.length, c.count);
  });
}

test('availability: an unknown zone or a bad date is a clear validation error', () => {
  const ask = (from: string, tz: string) => () =>
    describeAvailability(rules(), { from, days: 1, tz, now: longAgo });
  assert.throws(ask('2026-11-30', 'Mars/Olympus'), (e: AppError) => {
    assert.equal(e.code, 'validation_failed');
    assert.match(e.message, /Mars\/Olympus.*not a known IANA time zone/);
    return true;
  });
  assert.throws(ask('2026-02-30', 'UTC'), /not a real calendar date/);
  assert.throws(ask('30/11/2026', 'UTC'), /YYYY-MM-DD/);
  // Found by the fuzzer: the day after 9999-12-31 is beyond what PostgreSQL stores (500).
  assert.throws(ask('9999-12-31', 'UTC'), /not between the years 1900 and 9000/);
  assert.throws(ask('0001-01-01', 'UTC'), /not between the years 1900 and 9000/);
});

test('alternatives are the nearest open windows before and after', () => {
  const full = Date.parse('2026-11-30T15:00:00Z');
  const booked = new Map([
    [full, 1],
    [Date.parse('2026-11-30T14:30:00Z'), 1],
  ]);
  const alternatives = findAlternatives(rules({ booked }), longAgo, full, 'America/Chicago');
  assert.deepEqual(
    alternatives.map((a) => a.start),
    ['2026-11-30T08:00:00-06:00', '2026-11-30T09:30:00-06:00'],
  );
});
