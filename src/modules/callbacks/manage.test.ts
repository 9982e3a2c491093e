import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTestContext } from '../../../test/context.ts';
import { book, escalationReadyToBook, tokenOf } from '../booking/test-helpers.ts';
import { readingOf } from './manage-page.ts';

// The customer's manage page, step by step: a day, then a time of that day, nothing chosen for
// them; cancel asks once; a cancelled callback can be booked again from the same link.

const ctx = await createTestContext({ now: '2026-11-26T15:00:00Z' });
const admin = ctx.as('admin@demo.test');

function postForm(url: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  return ctx.app.inject({
    method: 'POST',
    url,
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    payload: new URLSearchParams(fields).toString(),
  });
}

const getPage = (url: string, headers: Record<string, string> = {}) =>
  ctx.app.inject({ method: 'GET', url, headers });

/** The dates offered in step 1, in page order. */
const offeredDates = (html: string) =>
  [...html.matchAll(/\?date=(\d{4}-\d{2}-\d{2})#times/g)].map((m) => m[1]!);

async function bookedToken(start: string, zone = 'America/Chicago') {
  const booked = await book(ctx, await escalationReadyToBook(ctx), start, zone);
  assert.equal(booked.status, 201, JSON.stringify(booked.body));
  return { token: tokenOf(booked.body.confirmation.manageUrl), booked: booked.body };
}

test('readingOf: 12- or 24-hour times by Accept-Language, US by default', () => {
  assert.deepEqual(readingOf(undefined), { locale: 'en-US', hourCycle: 'h12' });
  assert.deepEqual(readingOf('en-GB,en;q=0.8'), { locale: 'en-GB', hourCycle: 'h23' });
  assert.deepEqual(readingOf('de-DE'), { locale: 'en-US', hourCycle: 'h23' });
  assert.deepEqual(readingOf('fr;q=0.2, en-US;q=0.9'), { locale: 'en-US', hourCycle: 'h12' });
  assert.deepEqual(readingOf('x-nonsense-!!, *'), { locale: 'en-US', hourCycle: 'h12' });
});

test('step 1 lists the days up to the site horizon that have windows; nothing is preselected', async () => {
  const { token } = await bookedToken('2026-11-30T09:00:00-05:00');
  const page = await getPage(`/manage/${token}`);
  assert.equal(page.statusCode, 200);
  const dates = offeredDates(page.body);
  // East's horizon is 30 days from 2026-11-26 15:00 UTC: weekdays only, up to Dec 26 in Chicago (a Saturday).
  assert.equal(dates[0], '2026-11-26');
  assert.equal(dates.at(-1), '2026-12-25');
  assert.ok(dates.includes('2026-12-21'), 'past the old fixed 14 days');
  assert.ok(!dates.includes('2026-11-28'), 'no Saturday (no windows)');
  assert.doesNotMatch(page.body, /\b(selected|checked)\b/);
  assert.doesNotMatch(page.body, /type="radio"/, 'no times before a day is chosen');

  await admin.patch('/api/admin/sites/east', { bookingHorizonDays: 7 });
  const shorter = offeredDates((await getPage(`/manage/${token}`)).body);
  assert.equal(shorter.at(-1), '2026-12-03');
  await admin.patch('/api/admin/sites/east', { bookingHorizonDays: 30 });
});

test('step 2 shows the chosen day as radio buttons, 12- or 24-hour by locale, the zone named, none checked', async () => {
  const { token } = await bookedToken('2026-11-30T12:00:00-05:00', 'America/Los_Angeles');
  const us = await getPage(`/manage/${token}?date=2026-12-01`);
  assert.equal(us.statusCode, 200);
  assert.match(us.body, /2\. Choose a time on Tuesday, December 1/);
  assert.match(us.body, /Times in Pacific Time/);
  assert.match(us.body, /value="2026-12-01T09:00:00-08:00" required>9:00 AM – 9:30 AM/);
  // Quiet hours in the customer's zone (before 8 AM Pacific) are not offered.
  assert.doesNotMatch(us.body, /value="2026-12-01T0[5-7]:/);
  assert.doesNotMatch(us.body, /\b(selected|checked)\b/);
  assert.match(us.body, /aria-current="true">Tue, Dec 1/);

  const gb = await getPage(`/manage/${token}?date=2026-12-01`, { 'accept-language': 'en-GB,en;q=0.9' });
  assert.match(gb.body, /value="2026-12-01T09:00:00-08:00" required>09:00 – 09:30/);
  assert.match(gb.body, /Tuesday 1 December/);
  const de = await getPage(`/manage/${token}?date=2026-12-01`, { 'accept-language': 'de-DE' });
  assert.match(de.body, />13:30 – 14:00</);

  const nonsense = await getPage(`/manage/${token}?date=2026-02-31`);
  assert.equal(nonsense.statusCode, 200, 'a day that is not offered only shows step 1');
  assert.doesNotMatch(nonsense.body, /type="radio"/);
  const tampered = await getPage(`/manage/${token}?date=${'9'.repeat(50)}&step=${'x'.repeat(50)}`);
  assert.ok(tampered.statusCode >= 400 && tampered.statusCode < 500, String(tampered.statusCode));
});

test('cancel asks first; "Yes, cancel" cancels; the page then offers to book again', async () => {
  const { token, booked } = await bookedToken('2026-12-01T11:00:00-05:00');
  const home = await getPage(`/manage/${token}`);
  assert.match(home.body, new RegExp(`href="/manage/${token}\\?step=cancel">Cancel my callback`));
  const ask = await getPage(`/manage/${token}?step=cancel`);
  assert.match(
    ask.body,
    /<h1>Cancel your callback on Tuesday, December 1 between 10:00 AM – 10:30 AM \(Central Time\)\?/,
  );
  assert.match(ask.body, /Keep it/);
  assert.match(ask.body, /name="confirm" value="yes"/);

  // A post without the confirmation (an old page, a stray tap) only asks.
  const unconfirmed = await postForm(`/manage/${token}/cancel`, {});
  assert.equal(unconfirmed.statusCode, 200);
  assert.match(unconfirmed.body, /Yes, cancel/);
  const still = await ctx.db
    .selectFrom('appointments')
    .select('status')
    .where('id', '=', booked.appointment.id)
    .executeTakeFirstOrThrow();
  assert.equal(still.status, 'booked');

  const cancelled = await postForm(`/manage/${token}/cancel`, { confirm: 'yes' });
  assert.equal(cancelled.statusCode, 303);
  assert.equal(cancelled.headers.location, `/manage/${token}?done=cancelled`);
  const after = await getPage(`/manage/${token}?done=cancelled`);
  assert.match(after.body, /Your callback is cancelled/);
  assert.match(after.body, /<h2>Book a new time<\/h2>/);
  assert.ok(offeredDates(after.body).length > 0);
});

test('rebook from the link: a new appointment, task and callback clock; a double submit books once', async () => {
  const { token, booked } = await bookedToken('2026-12-02T11:00:00-05:00');
  await postForm(`/manage/${token}/cancel`, { confirm: 'yes' });
  const day = await getPage(`/manage/${token}?date=2026-12-03`);
  const submission = day.body.match(/name="submission" value="([^"]+)"/)?.[1];
  assert.ok(submission, 'the form carries a submission key');
  assert.match(day.body, new RegExp(`action="/manage/${token}/rebook"`));

  const fields = { start: '2026-12-03T09:00:00-06:00', submission };
  const [first, second] = [
    await postForm(`/manage/${token}/rebook`, fields),
    await postForm(`/manage/${token}/rebook`, fields),
  ];
  assert.equal(first.statusCode, 303, first.body);
  assert.equal(second.statusCode, 303, second.body);
  assert.equal(second.headers.location, first.headers.location, 'the double submit answers alike');
  assert.match(String(first.headers.location), /^\/manage\/[^/?]+\?done=rebooked$/);

  const rows = await ctx.db
    .selectFrom('appointments')
    .select(['id', 'status', 'task_id', 'starts_at'])
    .where('escalation_id', '=', booked.appointment.escalationId)
    .execute();
  assert.equal(rows.length, 2, 'one new appointment for the two submits');
  const fresh = rows.find((r) => r.status === 'booked')!;
  assert.equal(new Date(fresh.starts_at).toISOString(), '2026-12-03T15:00:00.000Z');
  assert.notEqual(fresh.task_id, booked.task.id, 'a new task: the cancelled one stays completed');

  // The new task's promises run from the new window (first contact = start + 5 min).
  const task = await ctx.as('cb.captive@demo.test').get(`/api/tasks/${fresh.task_id}`);
  assert.equal(task.status, 200, JSON.stringify(task.body));
  const firstContact = task.body.promises.find((p: { kind: string }) => p.kind === 'first_contact');
  assert.equal(new Date(firstContact.dueAt).toISOString(), '2026-12-03T15:05:00.000Z');
  const old = await ctx.db
    .selectFrom('tasks')
    .select('status')
    .where('id', '=', booked.task.id)
    .executeTakeFirstOrThrow();
  assert.equal(old.status, 'completed');

  const job = await admin.get(`/api/jobs/${booked.appointment.jobNumber}`);
  assert.match(job.body.notes.at(-1).body, /booked by the customer/);

  const done = await getPage(String(first.headers.location));
  assert.match(done.body, /Your new callback is booked/);
  assert.match(done.body, /Thursday, December 3/);
  // The old link now points at the new callback instead of offering another booking.
  const oldPage = await getPage(`/manage/${token}`);
  assert.match(oldPage.body, /See or change your new callback/);
  assert.doesNotMatch(oldPage.body, /Book a new time/);
  const third = await postForm(`/manage/${token}/rebook`, {
    start: '2026-12-04T09:00:00-06:00',
    submission: 'another',
  });
  assert.equal(third.statusCode, 409);
  assert.match(third.body, /role="alert">You already have a callback booked/);
});

test('refusals come back as words on the page with the day still to choose from', async () => {
  const { token } = await bookedToken('2026-12-07T09:00:00-05:00');
  for (let i = 0; i < 3; i++) await book(ctx, await escalationReadyToBook(ctx), '2026-12-07T11:00:00-05:00');
  const full = await postForm(`/manage/${token}/reschedule`, { start: '2026-12-07T10:00:00-06:00' });
  assert.equal(full.statusCode, 409);
  assert.match(full.body, /role="alert">Sorry, that time has just been taken/);
  assert.match(full.body, /2\. Choose a time on Monday, December 7/);
  assert.doesNotMatch(full.body, /value="2026-12-07T10:00:00-06:00"/, 'the full window is not offered again');

  const quiet = await postForm(`/manage/${token}/reschedule`, { start: '2026-12-08T07:00:00-06:00' });
  assert.equal(quiet.statusCode, 422);
  assert.match(quiet.body, /role="alert">We do not call at that time of day/);

  const none = await postForm(`/manage/${token}/reschedule`, {});
  assert.equal(none.statusCode, 422);
  assert.match(none.body, /role="alert">Please choose a time first/);

  const booked = await postForm(`/manage/${token}/rebook`, { start: '2026-12-08T09:00:00-06:00' });
  assert.equal(booked.statusCode, 409);
  assert.match(booked.body, /role="alert">This callback can no longer be changed/);
});
