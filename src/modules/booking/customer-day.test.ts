import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AppError } from '../../lib/errors.ts';
import type { QuietHours } from '../guidelines/quiet-hours.ts';
import { spanToHorizon } from './horizon.ts';
import { type DeskRules, describeAvailability, findAlternatives, type WeeklyHours } from './availability.ts';
import { describeQuietHoursRefusal } from './customer-day.ts';

// Booking within the customer's day (issue 12): windows touching the customer's quiet hours, in
// their zone, are not offered; availability covers the site's booking horizon.

const night: QuietHours = { start: '21:00', end: '08:00' };
const weekdays = [1, 2, 3, 4, 5];
const allWeek = [1, 2, 3, 4, 5, 6, 7];
const hours = (days: number[], start: number, end: number): WeeklyHours[] =>
  days.map((weekday) => ({ userId: 'm1', weekday, startMinute: start * 60, endMinute: end * 60 }));

function rules(overrides: Partial<DeskRules> = {}): DeskRules {
  return {
    siteZone: 'America/New_York',
    windowMinutes: 30,
    callbacksPerMember: 1,
    minNoticeMinutes: 0,
    horizonDays: 400,
    schedules: hours(weekdays, 8, 17),
    exceptions: [],
    booked: new Map(),
    ...overrides,
  };
}
const allDay = (siteZone: string, windowMinutes = 30) =>
  rules({ siteZone, windowMinutes, schedules: hours(allWeek, 0, 24) });
const longAgo = new Date('2026-01-01T00:00:00Z');

type QuietCase = {
  name: string;
  rules: DeskRules;
  date: string;
  tz: string;
  quiet?: QuietHours;
  count: number;
  first: string;
  last: string;
};

const quietCases: QuietCase[] = [
  {
    name: 'a Pacific customer of a New York desk is offered nothing before 08:00 their time',
    rules: rules(),
    date: '2026-11-30',
    tz: 'America/Los_Angeles',
    count: 12, // the desk's 05:00–14:00 Pacific, less 05:00–08:00
    first: '2026-11-30T08:00:00-08:00',
    last: '2026-11-30T13:30:00-08:00',
  },
  {
    name: 'a window only partly inside quiet hours is hidden too (India, half-hour offset)',
    rules: allDay('America/New_York', 60),
    date: '2026-11-30',
    tz: 'Asia/Kolkata',
    count: 12, // 07:30–08:30 and 20:30–21:30 touch the quiet hours
    first: '2026-11-30T08:30:00+05:30',
    last: '2026-11-30T19:30:00+05:30',
  },
  {
    name: 'US spring forward: quiet hours end at 08:00 on the new wall clock',
    rules: allDay('UTC'),
    date: '2026-03-08',
    tz: 'America/Los_Angeles',
    count: 26,
    first: '2026-03-08T08:00:00-07:00',
    last: '2026-03-08T20:30:00-07:00',
  },
  {
    name: 'the day before the US change, on the old wall clock',
    rules: allDay('UTC'),
    date: '2026-03-07',
    tz: 'America/Los_Angeles',
    count: 26,
    first: '2026-03-07T08:00:00-08:00',
    last: '2026-03-07T20:30:00-08:00',
  },
  {
    name: 'EU fall back: a London customer of a New York desk',
    rules: allDay('America/New_York'),
    date: '2026-10-25',
    tz: 'Europe/London',
    count: 26,
    first: '2026-10-25T08:00:00+00:00',
    last: '2026-10-25T20:30:00+00:00',
  },
  {
    name: 'quiet hours set to nothing (start = end) hide nothing',
    rules: allDay('UTC'),
    date: '2026-11-30',
    tz: 'UTC',
    quiet: { start: '00:00', end: '00:00' },
    count: 48,
    first: '2026-11-30T00:00:00+00:00',
    last: '2026-11-30T23:30:00+00:00',
  },
  {
    name: 'a midday quiet period (not wrapping midnight) hides just that',
    rules: allDay('UTC'),
    date: '2026-11-30',
    tz: 'UTC',
    quiet: { start: '12:00', end: '13:15' },
    count: 45, // 12:00, 12:30 and 13:00 (ends 13:30) touch it
    first: '2026-11-30T00:00:00+00:00',
    last: '2026-11-30T23:30:00+00:00',
  },
];

for (const c of quietCases) {
  test(`customer quiet hours: ${c.name}`, () => {
    const [day] = describeAvailability(c.rules, {
      from: c.date,
      days: 1,
      tz: c.tz,
      now: longAgo,
      quietHours: c.quiet ?? night,
    });
    const starts = day!.windows.map((w) => w.start);
    assert.equal(starts.length, c.count, starts.join(' '));
    assert.equal(starts[0], c.first);
    assert.equal(starts.at(-1), c.last);
  });
}

test('customer quiet hours: without them asked for, every open window is offered', () => {
  const [day] = describeAvailability(rules(), {
    from: '2026-11-30',
    days: 1,
    tz: 'America/Los_Angeles',
    now: longAgo,
  });
  assert.equal(day!.windows.length, 18);
  assert.equal(day!.windows[0]!.start, '2026-11-30T05:00:00-08:00');
});

test('customer quiet hours: alternatives to a 05:00 Pacific start are outside them', () => {
  const start = Date.parse('2026-12-01T13:00:00Z'); // 05:00 Pacific, 08:00 at the New York desk
  const alternatives = findAlternatives(rules(), longAgo, start, 'America/Los_Angeles', night);
  assert.deepEqual(
    alternatives.map((a) => a.start),
    ['2026-11-30T13:30:00-08:00', '2026-12-01T08:00:00-08:00'],
  );
});

type SpanCase = {
  name: string;
  now: string;
  horizonDays: number;
  from: string;
  days?: number;
  tz: string;
  expect: { days: number; lastBookableDate: string; isClipped: boolean };
};

const spanCases: SpanCase[] = [
  {
    name: 'left out, the days run to the horizon (30 days from Tuesday 10:00 New York)',
    now: '2026-12-01T15:00:00Z',
    horizonDays: 30,
    from: '2026-12-01',
    tz: 'America/New_York',
    expect: { days: 31, lastBookableDate: '2026-12-31', isClipped: false },
  },
  {
    name: 'fewer days than the horizon are answered as asked',
    now: '2026-12-01T15:00:00Z',
    horizonDays: 30,
    from: '2026-12-01',
    days: 7,
    tz: 'America/New_York',
    expect: { days: 7, lastBookableDate: '2026-12-31', isClipped: false },
  },
  {
    name: 'more days than the horizon are cut to it, and say so',
    now: '2026-12-01T15:00:00Z',
    horizonDays: 14,
    from: '2026-12-01',
    days: 60,
    tz: 'America/New_York',
    expect: { days: 15, lastBookableDate: '2026-12-15', isClipped: true },
  },
  {
    name: 'the last date is read in the customer zone (Kiritimati, UTC+14)',
    now: '2026-12-01T15:00:00Z',
    horizonDays: 30,
    from: '2026-12-02',
    tz: 'Pacific/Kiritimati',
    expect: { days: 31, lastBookableDate: '2027-01-01', isClipped: false },
  },
  {
    name: 'across the US fall-back change',
    now: '2026-10-25T12:00:00Z',
    horizonDays: 10,
    from: '2026-10-25',
    tz: 'America/Chicago',
    expect: { days: 11, lastBookableDate: '2026-11-04', isClipped: false },
  },
];

for (const c of spanCases) {
  test(`booking horizon: ${c.name}`, () => {
    const span = spanToHorizon({ horizonDays: c.horizonDays }, new Date(c.now), c);
    assert.deepEqual(span, c.expect);
  });
}

test('booking horizon: a first date beyond it is refused with the last bookable date', () => {
  assert.throws(
    () =>
      spanToHorizon({ horizonDays: 30 }, new Date('2026-12-01T15:00:00Z'), {
        from: '2027-01-01',
        tz: 'America/New_York',
      }),
    (e: AppError) => {
      assert.equal(e.code, 'unprocessable');
      assert.match(
        e.message,
        /beyond the site's booking horizon of 30 days \(last bookable date 2026-12-31\)/,
      );
      assert.equal(e.details?.reason, 'beyond_horizon');
      return true;
    },
  );
});

test('customer quiet hours: over several days across a DST change, every day runs 08:00–21:00 local', () => {
  const days = describeAvailability(allDay('Europe/Berlin'), {
    from: '2026-03-06',
    days: 4,
    tz: 'America/Los_Angeles',
    now: longAgo,
    quietHours: night,
  });
  assert.deepEqual(
    days.map((d) => [d.date, d.windows.length, d.windows[0]!.start, d.windows.at(-1)!.end]),
    [
      ['2026-03-06', 26, '2026-03-06T08:00:00-08:00', '2026-03-06T21:00:00-08:00'],
      ['2026-03-07', 26, '2026-03-07T08:00:00-08:00', '2026-03-07T21:00:00-08:00'],
      ['2026-03-08', 26, '2026-03-08T08:00:00-07:00', '2026-03-08T21:00:00-07:00'],
      ['2026-03-09', 26, '2026-03-09T08:00:00-07:00', '2026-03-09T21:00:00-07:00'],
    ],
  );
});

const refusalCases: Array<{ zone: string; quiet: QuietHours; startIso: string; words: string }> = [
  {
    zone: 'America/Los_Angeles',
    quiet: night,
    startIso: '2026-12-02T13:00:00Z',
    words: '(9:00 PM to 8:00 AM Pacific Time)',
  },
  {
    zone: 'Asia/Kolkata',
    quiet: { start: '12:00', end: '13:15' },
    startIso: '2026-12-02T06:45:00Z',
    words: '(12:00 PM to 1:15 PM India Standard Time)',
  },
  {
    zone: 'UTC',
    quiet: night,
    startIso: '2026-12-02T05:00:00Z',
    words: '(9:00 PM to 8:00 AM Coordinated Universal Time)',
  },
];
for (const c of refusalCases) {
  test(`customer quiet hours: the refusal names them in words (${c.zone})`, () => {
    const refusal = describeQuietHoursRefusal(
      { startMs: Date.parse(c.startIso) },
      { timeZone: c.zone, quietHours: c.quiet },
    );
    assert.ok(refusal.includes(c.words), refusal);
    assert.doesNotMatch(refusal, /\//);
  });
}
