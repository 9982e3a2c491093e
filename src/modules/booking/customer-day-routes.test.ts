import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTestContext } from '../../../test/context.ts';
import { book, escalationReadyToBook } from './test-helpers.ts';

// Booking within the customer's day, through the routes (issue 12). Tuesday 2026-12-01, 10:00 in
// New York; the east desk works weekdays 08:00–17:00 New York time, 05:00–14:00 Pacific.
const ctx = await createTestContext({ now: '2026-12-01T15:00:00Z' });
const agent = ctx.as('agent.east@demo.test');
const pacific = 'America/Los_Angeles';

type Day = { date: string; windows: Array<{ start: string }> };

test('a Pacific customer is offered no window before 08:00 their time, over the site’s whole horizon', async () => {
  const answer = await agent.get(`/api/sites/east/availability?from=2026-12-02&tz=${pacific}`);
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  assert.equal(answer.body.horizonDays, 30);
  assert.equal(answer.body.lastBookableDate, '2026-12-31');
  assert.equal(answer.body.isClippedToHorizon, false);
  assert.deepEqual(answer.body.quietHours, { start: '21:00', end: '08:00' });
  const days: Day[] = answer.body.days;
  assert.equal(days.length, 30, 'every date up to the horizon');
  const starts = days.flatMap((d) => d.windows.map((w) => w.start));
  assert.ok(starts.length > 0);
  for (const start of starts) assert.ok(start.slice(11, 16) >= '08:00', `${start} is before 08:00 Pacific`);
  assert.equal(days[0]!.windows[0]!.start, '2026-12-02T08:00:00-08:00');
  // The same day seen from New York still starts at the desk's 08:00.
  const east = await agent.get('/api/sites/east/availability?from=2026-12-02&days=1&tz=America/New_York');
  assert.equal(east.body.days[0].windows[0].start, '2026-12-02T08:00:00-05:00');
});

test('booking a 05:00 Pacific start is refused with 422 naming the quiet hours, with windows outside them', async () => {
  const escalationId = await escalationReadyToBook(ctx);
  const refused = await book(ctx, escalationId, '2026-12-02T05:00:00-08:00', pacific);
  assert.equal(refused.status, 422, JSON.stringify(refused.body));
  assert.match(refused.headers['content-type'] as string, /application\/problem\+json/);
  assert.equal(refused.body.reason, 'quiet_hours');
  // In words, as the agent reads it out: no IANA zone name, no 24-hour clock.
  assert.match(refused.body.detail, /quiet hours \(9:00 PM to 8:00 AM Pacific Time\)/);
  assert.doesNotMatch(refused.body.detail, /America\//);
  assert.deepEqual(
    refused.body.alternatives.map((a: { start: string }) => a.start),
    ['2026-12-01T13:30:00-08:00', '2026-12-02T08:00:00-08:00'],
  );
  const booked = await book(ctx, escalationId, '2026-12-02T08:00:00-08:00', pacific);
  assert.equal(booked.status, 201, JSON.stringify(booked.body));
});

test('availability follows the site’s horizon: cut when asked past it, refused when it starts beyond it', async () => {
  const admin = ctx.as('admin@demo.test');
  assert.equal((await admin.patch('/api/admin/sites/east', { bookingHorizonDays: 10 })).status, 200);
  const cut = await agent.get('/api/sites/east/availability?from=2026-12-01&days=60&tz=America/New_York');
  assert.equal(cut.status, 200, JSON.stringify(cut.body));
  assert.equal(cut.body.horizonDays, 10);
  assert.equal(cut.body.isClippedToHorizon, true);
  assert.equal(cut.body.lastBookableDate, '2026-12-11');
  assert.equal(cut.body.days.length, 11);
  const beyond = await agent.get('/api/sites/east/availability?from=2026-12-20&tz=America/New_York');
  assert.equal(beyond.status, 422);
  assert.equal(beyond.body.reason, 'beyond_horizon');
  assert.equal(beyond.body.lastBookableDate, '2026-12-11');
  assert.equal((await admin.patch('/api/admin/sites/east', { bookingHorizonDays: 30 })).status, 200);
});
