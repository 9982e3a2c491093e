import assert from 'node:assert/strict';
import { test } from 'node:test';
import ical, { type VEvent } from 'node-ical';
import { createTestContext } from '../../../test/context.ts';
import { manageRateLimit } from '../callbacks/routes.ts';
import { book, escalationReadyToBook, tokenOf } from './test-helpers.ts';

const ctx = await createTestContext({ now: '2026-11-26T15:00:00Z' });
const admin = ctx.as('admin@demo.test');
const site = await ctx.db
  .selectFrom('sites')
  .select('calendar_token')
  .where('slug', '=', 'east')
  .executeTakeFirstOrThrow();
const feedUrl = `/api/sites/east/calendar.ics?token=${site.calendar_token}`;

async function feedEvent(appointmentId: string): Promise<VEvent> {
  const response = await ctx.anonymous.get(feedUrl);
  assert.equal(response.status, 200);
  assert.match(String(response.headers['content-type']), /^text\/calendar/);
  const parsed = ical.sync.parseICS(response.body);
  const event = parsed[`appointment-${appointmentId}@escalation-desk`] as VEvent;
  assert.ok(event, 'the appointment is on the desk feed');
  return event;
}

async function latestMail(appointmentId: string) {
  return ctx.db
    .selectFrom('outbound_messages')
    .selectAll()
    .where('related_id', '=', appointmentId)
    .orderBy('created_at', 'desc')
    .orderBy('purpose', 'desc')
    .execute();
}

test('the desk feed parses as iCalendar and lists the booking; a wrong token is refused', async () => {
  const booked = await book(ctx, await escalationReadyToBook(ctx), '2026-11-30T09:00:00-05:00');
  const event = await feedEvent(booked.body.appointment.id);
  assert.equal(event.start.toISOString(), '2026-11-30T14:00:00.000Z');
  assert.equal(event.status, 'CONFIRMED');
  assert.equal(Number(event.sequence), 0);
  assert.match(String(event.summary), /Callback Maria Garcia \(J-100100\)/);
  // The token, not the cookie that comes along, decides: a BPO worker's browser gets the same feed.
  const withCookie = await ctx.as('cb.bpo@demo.test').get(feedUrl);
  assert.equal(withCookie.body, (await ctx.anonymous.get(feedUrl)).body);
  const wrong = await ctx.anonymous.get('/api/sites/east/calendar.ics?token=guess');
  assert.equal(wrong.status, 404);
  const none = await ctx.anonymous.get('/api/sites/east/calendar.ics');
  assert.equal(none.status, 404);
});

test('the customer reschedules from their link: task, notes, feed and invite follow', async () => {
  const booked = await book(
    ctx,
    await escalationReadyToBook(ctx),
    '2026-11-30T13:00:00-05:00',
    'America/Chicago',
  );
  const { appointment, task, confirmation } = booked.body;
  const token = tokenOf(confirmation.manageUrl);

  const page = await ctx.anonymous.get(`/manage/${token}`);
  assert.equal(page.status, 200);
  assert.match(String(page.headers['content-type']), /text\/html/);
  assert.match(page.body, /name="viewport" content="width=device-width/);
  assert.match(page.body, /Monday, November 30/);
  const day = await ctx.anonymous.get(`/manage/${token}?date=2026-12-01`);
  assert.match(day.body, /value="2026-12-01T09:00:00-06:00"/);
  assert.doesNotMatch(day.body, /value="2026-12-01T07:/, 'no window in quiet hours');
  const quiet = await ctx.anonymous.post(`/api/manage/${token}/reschedule`, {
    start: '2026-12-01T07:00:00-06:00',
  });
  assert.equal(quiet.status, 422, JSON.stringify(quiet.body));
  assert.equal(quiet.body.reason, 'quiet_hours');

  const moved = await ctx.anonymous.post(`/api/manage/${token}/reschedule`, {
    start: '2026-12-01T09:00:00-06:00',
  });
  assert.equal(moved.status, 200, JSON.stringify(moved.body));
  assert.equal(moved.body.start, '2026-12-01T09:00:00-06:00');
  assert.equal(moved.body.sequence, 1);
  assert.equal(moved.body.taskId, task.id, 'the same task continues');

  const taskNow = await ctx.db
    .selectFrom('tasks')
    .select('due_at')
    .where('id', '=', task.id)
    .executeTakeFirstOrThrow();
  assert.equal(new Date(taskNow.due_at!).toISOString(), '2026-12-01T15:00:00.000Z');
  const job = await admin.get('/api/jobs/J-100100');
  const note = job.body.notes.at(-1);
  assert.equal(note.kind, 'callback.rescheduled');
  assert.match(
    note.body,
    /by the customer from Monday 30 November 12:00 PM – 12:30 PM Central Time to Tuesday 1 December between /,
  );

  const event = await feedEvent(appointment.id);
  assert.equal(Number(event.sequence), 1);
  assert.equal(event.start.toISOString(), '2026-12-01T15:00:00.000Z');

  const mails = await latestMail(appointment.id);
  const update = mails.find((m) => m.purpose === 'appointment_rescheduled')!;
  const content = (update.calendar as { content: string }).content;
  assert.match(content, /METHOD:REQUEST/);
  assert.match(content, /SEQUENCE:1/);

  const availability = await ctx
    .as('agent.east@demo.test')
    .get('/api/sites/east/availability?from=2026-11-30&days=2&tz=America/New_York');
  const windows = availability.body.days.flatMap((d: { windows: unknown[] }) => d.windows);
  const old = windows.find((w: { start: string }) => w.start === '2026-11-30T13:00:00-05:00');
  const now = windows.find((w: { start: string }) => w.start === '2026-12-01T10:00:00-05:00');
  assert.equal(old.remaining, 3, 'the old place is given back');
  assert.equal(now.remaining, 2);
});

test('the customer cancels with the page form: exception closed, task completed, CANCEL invite, feed cancelled', async () => {
  const booked = await book(ctx, await escalationReadyToBook(ctx), '2026-11-30T14:00:00-05:00');
  const { appointment, exception, task, confirmation } = booked.body;
  const token = tokenOf(confirmation.manageUrl);
  const response = await ctx.app.inject({
    method: 'POST',
    url: `/manage/${token}/cancel`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: 'confirm=yes',
  });
  assert.equal(response.statusCode, 303);
  assert.equal(response.headers.location, `/manage/${token}?done=cancelled`);
  const page = await ctx.anonymous.get(`/manage/${token}?done=cancelled`);
  assert.match(page.body, /Your callback is cancelled/);
  assert.doesNotMatch(page.body, /Move my callback/);
  assert.match(page.body, /Book a new time/);

  const closed = await ctx.db
    .selectFrom('exceptions')
    .select('status')
    .where('id', '=', exception.id)
    .executeTakeFirstOrThrow();
  assert.equal(closed.status, 'closed');
  const done = await ctx.db
    .selectFrom('tasks')
    .select('status')
    .where('id', '=', task.id)
    .executeTakeFirstOrThrow();
  assert.equal(done.status, 'completed');
  const event = await feedEvent(appointment.id);
  assert.equal(event.status, 'CANCELLED');
  assert.equal(Number(event.sequence), 1);
  const mails = await latestMail(appointment.id);
  const cancel = mails.find((m) => m.purpose === 'appointment_cancelled')!;
  assert.match((cancel.calendar as { content: string }).content, /METHOD:CANCEL/);

  const again = await ctx.anonymous.post(`/api/manage/${token}/cancel`);
  assert.equal(again.status, 409);
});

test('a full window chosen on the page is explained on the page', async () => {
  const booked = await book(ctx, await escalationReadyToBook(ctx), '2026-12-02T09:00:00-05:00');
  for (let i = 0; i < 3; i++) await book(ctx, await escalationReadyToBook(ctx), '2026-12-02T10:00:00-05:00');
  const token = tokenOf(booked.body.confirmation.manageUrl);
  const response = await ctx.app.inject({
    method: 'POST',
    url: `/manage/${token}/reschedule`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: `start=${encodeURIComponent('2026-12-02T09:00:00-06:00')}`,
  });
  assert.equal(response.statusCode, 409);
  assert.match(response.body, /role="alert">Sorry, that time has just been taken/);
});

test('a tampered or expired link gets a clear refusal page', async () => {
  const booked = await book(ctx, await escalationReadyToBook(ctx), '2026-12-03T09:00:00-05:00');
  const token = tokenOf(booked.body.confirmation.manageUrl);
  const [body, mac] = token.split('.');
  const forged = Buffer.from(
    JSON.stringify({ ...JSON.parse(Buffer.from(body!, 'base64url').toString()), exp: 9e15 }),
  ).toString('base64url');
  for (const bad of [`${forged}.${mac}`, `${body}.${mac!.slice(0, -2)}xx`, 'nonsense']) {
    const page = await ctx.anonymous.get(`/manage/${bad}`);
    assert.equal(page.status, 403);
    assert.match(String(page.headers['content-type']), /text\/html/);
    assert.match(page.body, /This link is not valid/);
    const api = await ctx.anonymous.post(`/api/manage/${bad}/cancel`);
    assert.equal(api.status, 403);
  }
  ctx.clock.set('2026-12-11T00:00:00Z');
  const expired = await ctx.anonymous.get(`/manage/${token}`);
  assert.equal(expired.status, 410);
  assert.match(expired.body, /This link has expired/);
  ctx.clock.set('2026-11-26T15:00:00Z');
});

test('customer links are rate-limited', async () => {
  const statuses: number[] = [];
  for (let i = 0; i <= manageRateLimit.max; i++) {
    statuses.push((await ctx.anonymous.get('/manage/nonsense-for-rate-limit')).status);
  }
  assert.equal(statuses.at(-1), 429);
  assert.ok(statuses.filter((s) => s !== 429).length <= manageRateLimit.max);
  let limited = await ctx.anonymous.post('/api/manage/nonsense/cancel');
  for (let i = 0; i < manageRateLimit.max && limited.status !== 429; i++) {
    limited = await ctx.anonymous.post('/api/manage/nonsense/cancel');
  }
  assert.equal(limited.status, 429);
  assert.equal(limited.body.code, 'rate_limited');
});
