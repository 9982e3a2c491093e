import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'kysely';
import { createTestContext } from '../../../test/context.ts';
import { addUser } from '../../../test/desk.ts';
import { book, escalationReadyToBook } from './test-helpers.ts';

// Thursday 2026-11-26 10:00 New York. The east desk (3 members, weekdays 08:00–17:00) has 3 places
// per 30-minute window.
const ctx = await createTestContext({ now: '2026-11-26T15:00:00Z' });
const agent = ctx.as('agent.east@demo.test');

/** How many rows of a table belong to an escalation. */
async function countFor(table: 'appointments' | 'tasks', escalationId: string) {
  const rows = await ctx.db
    .selectFrom(table)
    .select('id')
    .where('escalation_id', '=', escalationId)
    .execute();
  return rows.length;
}

test('availability lists open windows with places left, in the asked zone', async () => {
  const response = await agent.get('/api/sites/east/availability?from=2026-11-30&days=2&tz=America/Chicago');
  assert.equal(response.status, 200);
  assert.deepEqual(
    response.body.days.map((d: { date: string }) => d.date),
    ['2026-11-30', '2026-12-01'],
  );
  const monday = response.body.days[0].windows;
  // The desk opens at 07:00 Chicago time, inside the customer's quiet hours (until 08:00).
  assert.equal(monday.length, 16);
  assert.deepEqual(monday[0], {
    start: '2026-11-30T08:00:00-06:00',
    end: '2026-11-30T08:30:00-06:00',
    remaining: 3,
  });
});

test('availability refuses an unknown zone, a bad date or too many days with a clear 400', async () => {
  const zone = await agent.get('/api/sites/east/availability?from=2026-11-30&days=2&tz=Mars/Base');
  assert.equal(zone.status, 400);
  assert.match(zone.body.detail, /Mars\/Base.*not a known IANA time zone/);
  const date = await agent.get('/api/sites/east/availability?from=2026-13-01&days=2&tz=UTC');
  assert.equal(date.status, 400);
  assert.match(date.body.detail, /not a real calendar date/);
  const days = await agent.get('/api/sites/east/availability?from=2026-12-01&days=400&tz=UTC');
  assert.equal(days.status, 400);
  const site = await agent.get('/api/sites/nowhere/availability?from=2026-12-01&days=1&tz=UTC');
  assert.equal(site.status, 404);
});

test('booking writes the appointment, exception, routed task, job note, status and email in one go', async () => {
  const escalationId = await escalationReadyToBook(ctx);
  const response = await book(ctx, escalationId, '2026-11-30T10:00:00-05:00', 'America/Chicago');
  assert.equal(response.status, 201, JSON.stringify(response.body));
  const { appointment, exception, task, confirmation } = response.body;
  assert.equal(appointment.start, '2026-11-30T09:00:00-06:00');
  assert.equal(appointment.end, '2026-11-30T09:30:00-06:00');
  assert.equal(appointment.status, 'booked');
  assert.equal(appointment.siteSlug, 'east');
  assert.equal(appointment.customerTimeZone, 'America/Chicago');
  assert.equal(exception.status, 'open');
  assert.equal(task.type, 'callback');
  assert.equal(task.appointmentId, appointment.id);
  assert.equal(task.team.name, 'In-house Callbacks');
  assert.equal(new Date(task.dueAt).toISOString(), '2026-11-30T15:00:00.000Z', 'due at the window start');
  const reminder = await ctx.db
    .selectFrom('timers')
    .select('due_at')
    .where('kind', '=', 'callback.review_reminder')
    .where(sql<boolean>`payload->>'taskId' = ${task.id}`)
    .executeTakeFirst();
  assert.ok(
    reminder && new Date(reminder.due_at) < new Date('2026-11-30T15:00:00Z'),
    'a review reminder before the window',
  );

  assert.equal(confirmation.desk, 'East Leadership Desk');
  assert.equal(confirmation.date, 'Monday 30 November');
  assert.equal(confirmation.window, '9:00 AM – 9:30 AM Central Time');
  assert.match(
    confirmation.whatHappensNext.join(' '),
    /within 5 minutes.*within 15 minutes.*voicemail.*email/,
  );
  assert.match(confirmation.script, /^Great! I have successfully scheduled/);
  assert.match(confirmation.manageUrl, /^http:\/\/desk\.test\/manage\//);

  const job = await agent.get('/api/jobs/J-100100');
  const note = job.body.notes.find((n: { kind: string }) => n.kind === 'callback.booked');
  assert.match(note.body, /Monday 30 November between 9:00 AM – 9:30 AM Central Time \(customer's time\)/);
  assert.doesNotMatch(note.body, /America\/Chicago/);
  const escalation = await agent.get(`/api/escalations/${escalationId}`);
  assert.equal(escalation.body.status, 'callback_booked');

  const mail = await ctx.db
    .selectFrom('outbound_messages')
    .selectAll()
    .where('related_id', '=', appointment.id)
    .executeTakeFirstOrThrow();
  assert.equal(mail.status, 'pending');
  assert.match(mail.subject, /East Leadership Desk/);
  assert.match(String((mail.calendar as { content: string }).content), /METHOD:REQUEST/);

  const after = await agent.get('/api/sites/east/availability?from=2026-11-30&days=1&tz=America/New_York');
  const window = after.body.days[0].windows.find(
    (w: { start: string }) => w.start === '2026-11-30T10:00:00-05:00',
  );
  assert.equal(window.remaining, 2);
});

test('booking needs an approved callback permission', async () => {
  const escalation = await agent.post('/api/escalations', {
    jobNumber: 'J-100100',
    reasons: ['service_delay'],
    summary: 'No permission yet.',
  });
  const response = await book(ctx, escalation.body.id, '2026-11-30T11:00:00-05:00');
  assert.equal(response.status, 403);
  assert.equal(response.body.code, 'permission_required');
  const count = await ctx.db
    .selectFrom('appointments')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('escalation_id', '=', escalation.body.id)
    .executeTakeFirstOrThrow();
  assert.equal(Number(count.n), 0);
});

test('the same Idempotency-Key replays the first answer; with another body it is refused', async () => {
  const escalationId = await escalationReadyToBook(ctx);
  const headers = { 'idempotency-key': `key-${escalationId}` };
  const first = await book(ctx, escalationId, '2026-12-01T09:00:00-05:00', 'America/New_York', headers);
  assert.equal(first.status, 201);
  const again = await book(ctx, escalationId, '2026-12-01T09:00:00-05:00', 'America/New_York', headers);
  assert.equal(again.status, 201);
  assert.equal(again.body.appointment.id, first.body.appointment.id);
  assert.deepEqual(again.body.confirmation, first.body.confirmation);
  const other = await book(ctx, escalationId, '2026-12-01T09:30:00-05:00', 'America/New_York', headers);
  assert.equal(other.status, 422);
  assert.equal(other.body.code, 'idempotency_mismatch');
  assert.equal(await countFor('appointments', escalationId), 1);
});

test('two racing requests with one Idempotency-Key book once and both get the same answer', async () => {
  const escalationId = await escalationReadyToBook(ctx);
  const headers = { 'idempotency-key': `race-${escalationId}` };
  const answers = await Promise.all(
    [0, 1, 2].map(() => book(ctx, escalationId, '2026-12-01T11:00:00-05:00', 'America/New_York', headers)),
  );
  assert.deepEqual(
    answers.map((a) => a.status),
    [201, 201, 201],
    JSON.stringify(answers.map((a) => a.body.code)),
  );
  assert.equal(new Set(answers.map((a) => a.body.appointment.id)).size, 1);
  assert.equal(await countFor('appointments', escalationId), 1);
});

test('a full window answers 409 window_full with the nearest open windows before and after', async () => {
  const start = '2026-12-02T12:00:00-05:00';
  for (let i = 0; i < 3; i++) {
    const taken = await book(ctx, await escalationReadyToBook(ctx), start, 'America/New_York');
    assert.equal(taken.status, 201);
  }
  const full = await book(ctx, await escalationReadyToBook(ctx), start, 'America/Los_Angeles');
  assert.equal(full.status, 409);
  assert.equal(full.body.code, 'window_full');
  assert.deepEqual(
    full.body.alternatives.map((a: { start: string }) => a.start),
    ['2026-12-02T08:30:00-08:00', '2026-12-02T09:30:00-08:00'],
  );
});

test('a time that is not a window start, or too soon, is refused with alternatives', async () => {
  const escalationId = await escalationReadyToBook(ctx);
  const odd = await book(ctx, escalationId, '2026-12-03T10:10:00-05:00');
  assert.equal(odd.status, 400);
  assert.equal(odd.body.alternatives.length, 2);
  const night = await book(ctx, escalationId, '2026-12-03T03:00:00-05:00');
  assert.equal(night.status, 400);
  const past = await book(ctx, escalationId, '2026-11-26T10:00:00-05:00');
  assert.equal(past.status, 422);
  const garbage = await book(ctx, escalationId, 'tomorrow at ten');
  assert.equal(garbage.status, 400);
  const zone = await book(ctx, escalationId, '2026-12-03T10:00:00-05:00', 'Nowhere/City');
  assert.equal(zone.status, 400);
  assert.match(zone.body.detail, /customerTimeZone/);
});

test('racing twelve bookings for the last three places: exactly three win, none oversold', async () => {
  const start = '2026-12-04T15:00:00-05:00';
  const escalations: string[] = [];
  for (let i = 0; i < 12; i++) escalations.push(await escalationReadyToBook(ctx));
  const answers = await Promise.all(escalations.map((id) => book(ctx, id, start, 'America/New_York')));
  const statuses = answers.map((a) => a.status).sort();
  assert.deepEqual(
    statuses,
    [201, 201, 201, ...new Array(9).fill(409)],
    JSON.stringify(answers.map((a) => a.body.code)),
  );
  const booked = await ctx.db
    .selectFrom('appointments')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('starts_at', '=', new Date(start))
    .where('status', '=', 'booked')
    .executeTakeFirstOrThrow();
  assert.equal(Number(booked.n), 3);
  const counter = await ctx.db
    .selectFrom('booking_windows')
    .select('booked')
    .where('starts_at', '=', new Date(start))
    .executeTakeFirstOrThrow();
  assert.equal(counter.booked, 3);
});

test('one escalation booked five times at once without a key: one callback, the others 409', async () => {
  const escalationId = await escalationReadyToBook(ctx);
  const answers = await Promise.all(
    ['10:00', '10:30', '11:00', '11:30', '12:00'].map((time) =>
      book(ctx, escalationId, `2026-12-08T${time}:00-05:00`, 'America/New_York'),
    ),
  );
  assert.deepEqual(
    answers.map((a) => a.status).sort(),
    [201, 409, 409, 409, 409],
    JSON.stringify(answers.map((a) => a.body)),
  );
  for (const refused of answers.filter((a) => a.status === 409)) {
    assert.equal(refused.body.code, 'conflict');
    assert.match(refused.body.detail, /already has a booked callback/);
  }
  assert.equal(await countFor('appointments', escalationId), 1);
  assert.equal(await countFor('tasks', escalationId), 1);
});

test('staff move and cancel a callback; another site cannot book it; no email without an address', async () => {
  const escalationId = await escalationReadyToBook(ctx);
  const west = await ctx.as('agent.west@demo.test').post('/api/sites/west/appointments', {
    escalationId,
    start: '2026-12-07T09:00:00-08:00',
    customerTimeZone: 'America/New_York',
  });
  // An East escalation is outside a West agent's reach: it does not exist for them (docs/walls.md).
  assert.equal(west.status, 404);

  const customer = await ctx.db
    .selectFrom('escalations')
    .select('customer_id')
    .where('id', '=', escalationId)
    .executeTakeFirstOrThrow();
  const { email } = await ctx.db
    .selectFrom('customers')
    .select('email')
    .where('id', '=', customer.customer_id)
    .executeTakeFirstOrThrow();
  await ctx.db.updateTable('customers').set({ email: null }).where('id', '=', customer.customer_id).execute();
  const booked = await book(ctx, escalationId, '2026-12-07T09:00:00-05:00', 'America/New_York');
  await ctx.db.updateTable('customers').set({ email }).where('id', '=', customer.customer_id).execute();
  assert.equal(booked.status, 201);
  assert.equal(booked.body.confirmation.emailTo, null);
  const id = booked.body.appointment.id;
  const mails = await ctx.db
    .selectFrom('outbound_messages')
    .select('id')
    .where('related_id', '=', id)
    .execute();
  assert.equal(mails.length, 0);

  const lead = ctx.as('lead.east@demo.test');
  const moved = await lead.post(`/api/appointments/${id}/reschedule`, { start: '2026-12-07T11:00:00-05:00' });
  assert.equal(moved.status, 200);
  assert.equal(moved.body.start, '2026-12-07T11:00:00-05:00');
  const same = await lead.post(`/api/appointments/${id}/reschedule`, { start: '2026-12-07T11:00:00-05:00' });
  assert.equal(same.status, 409);
  const cancelled = await lead.post(`/api/appointments/${id}/cancel`);
  assert.equal(cancelled.status, 200);
  assert.equal(cancelled.body.status, 'cancelled');
  const job = await agent.get('/api/jobs/J-100100');
  assert.match(
    job.body.notes.findLast((n: { kind: string }) => n.kind === 'callback.cancelled').body,
    /by Morgan Diaz/,
  );
  const tier3 = await ctx.as('tier3@demo.test').post(`/api/appointments/${id}/cancel`);
  assert.equal(tier3.status, 403);
});

test('another agent of the site moves and cancels a callback: its task, a callback team’s, follows', async () => {
  await addUser(ctx.db, {
    email: 'agent2.east@demo.test',
    name: 'Drew Second',
    role: 'agent',
    siteSlug: 'east',
    supervisorEmail: 'supervisor.east@demo.test',
  });
  const escalationId = await escalationReadyToBook(ctx, { jobNumber: 'J-100110' });
  const booked = await book(ctx, escalationId, '2026-12-08T09:00:00-05:00', 'America/New_York');
  assert.equal(booked.status, 201);
  const id = booked.body.appointment.id;
  const taskOf = () =>
    ctx.db
      .selectFrom('tasks')
      .select(['due_at', 'status'])
      .where('escalation_id', '=', escalationId)
      .executeTakeFirstOrThrow();
  const before = await taskOf();
  // The task was created by agent.east for a callback team: outside the second agent's reach.
  const other = ctx.as('agent2.east@demo.test');
  const moved = await other.post(`/api/appointments/${id}/reschedule`, {
    start: '2026-12-08T11:00:00-05:00',
  });
  assert.equal(moved.status, 200);
  const after = await taskOf();
  assert.ok(after.due_at && before.due_at && after.due_at > before.due_at, 'the task is due later');
  const cancelled = await other.post(`/api/appointments/${id}/cancel`);
  assert.equal(cancelled.status, 200);
  assert.equal((await taskOf()).status, 'completed');
});
