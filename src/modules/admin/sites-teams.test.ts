import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTestContext } from '../../../test/context.ts';

const ctx = await createTestContext();
const admin = ctx.as('admin@demo.test');

test('an admin lists sites with their desk settings and calendar feed URL', async () => {
  const response = await admin.get('/api/admin/sites');
  assert.equal(response.status, 200);
  const east = response.body.items.find((s: { slug: string }) => s.slug === 'east');
  assert.equal(east.timeZone, 'America/New_York');
  assert.equal(east.transferThresholdSeconds, 180);
  assert.equal(east.windowMinutes, 30);
  assert.equal(east.bookingHorizonDays, 30);
  const token = await ctx.db
    .selectFrom('sites')
    .select('calendar_token')
    .where('slug', '=', 'east')
    .executeTakeFirstOrThrow();
  assert.equal(
    east.calendarFeedUrl,
    `http://desk.test/api/sites/east/calendar.ics?token=${token.calendar_token}`,
  );
  assert.equal('calendarToken' in east, false);
});

test('PATCH changes the three-minute rule, window and horizon within their ranges', async () => {
  const changed = await admin.patch('/api/admin/sites/east', {
    transferThresholdSeconds: 240,
    windowMinutes: 45,
    bookingHorizonDays: 14,
  });
  assert.equal(changed.status, 200);
  assert.equal(changed.body.transferThresholdSeconds, 240);
  assert.equal(changed.body.windowMinutes, 45);
  assert.equal(changed.body.bookingHorizonDays, 14);
  for (const bad of [
    { transferThresholdSeconds: 0 },
    { windowMinutes: 1 },
    { windowMinutes: 33 },
    { bookingHorizonDays: 400 },
    { callbacksPerMember: 0 },
    { slug: 'new' },
  ]) {
    const response = await admin.patch('/api/admin/sites/east', bad);
    assert.equal(response.status, 400, JSON.stringify(bad));
    assert.equal(response.body.code, 'validation_failed');
  }
  const site = await ctx.db
    .selectFrom('sites')
    .selectAll()
    .where('slug', '=', 'east')
    .executeTakeFirstOrThrow();
  assert.equal(site.transfer_threshold_seconds, 240);
  const events = await ctx.db.selectFrom('events').selectAll().where('type', '=', 'site.updated').execute();
  assert.equal(events.length, 2, 'one event for the site, one for admins; none for refused changes');
  assert.deepEqual(
    events.map((e) => [e.site_id, e.roles.join()]).sort(),
    [
      [site.id, ''],
      [null, 'admin'],
    ].sort(),
  );
  assert.equal((events[0]!.data as { transferThresholdSeconds: number }).transferThresholdSeconds, 240);
  assert.equal(JSON.stringify(events[0]!.data).includes(site.calendar_token), false);
});

test('time zones must be IANA names', async () => {
  for (const timeZone of ['Mars/Olympus', '+05:00', 'EST is fine?']) {
    const response = await admin.patch('/api/admin/sites/west', { timeZone });
    assert.equal(response.status, 400, timeZone);
    assert.match(response.body.detail, /IANA/);
  }
  const ok = await admin.patch('/api/admin/sites/west', { timeZone: 'America/Denver' });
  assert.equal(ok.status, 200);
  assert.equal(ok.body.timeZone, 'America/Denver');
});

test('rotating the calendar token changes the feed URL', async () => {
  const before = (await admin.get('/api/admin/sites')).body.items[0];
  const after = await admin.patch(`/api/admin/sites/${before.slug}`, { rotateCalendarToken: true });
  assert.equal(after.status, 200);
  assert.notEqual(after.body.calendarFeedUrl, before.calendarFeedUrl);
});

test('an admin creates a site; a taken slug is a 409 and an unknown one a 404', async () => {
  const created = await admin.post('/api/admin/sites', {
    slug: 'central',
    name: 'Central Leadership Desk',
    timeZone: 'America/Chicago',
  });
  assert.equal(created.status, 201);
  assert.equal(created.body.transferThresholdSeconds, 180);
  assert.match(created.body.calendarFeedUrl, /\/api\/sites\/central\/calendar\.ics\?token=\w+/);
  const again = await admin.post('/api/admin/sites', { slug: 'central', name: 'x', timeZone: 'UTC' });
  assert.equal(again.status, 409);
  const missing = await admin.patch('/api/admin/sites/nowhere', { name: 'x' });
  assert.equal(missing.status, 404);
});

test('site administration is for admins only', async () => {
  const response = await ctx
    .as('supervisor.east@demo.test')
    .patch('/api/admin/sites/east', { windowMinutes: 60 });
  assert.equal(response.status, 403);
});

test('an admin creates and changes teams; direct teams need an assignee', async () => {
  const created = await admin.post('/api/admin/teams', {
    name: 'Northwind BPO',
    kind: 'bpo',
    assignmentStrategy: 'round_robin',
  });
  assert.equal(created.status, 201);
  assert.equal(created.body.kind, 'bpo');
  assert.equal(created.body.activeMembers, 0);

  const direct = await admin.patch(`/api/admin/teams/${created.body.id}`, { assignmentStrategy: 'direct' });
  assert.equal(direct.status, 422);
  assert.equal(direct.body.field, 'directAssigneeId');

  const users = await admin.get('/api/admin/users?q=cb.bpo@');
  const assignee = users.body.items[0].id;
  const outsider = await admin.patch(`/api/admin/teams/${created.body.id}`, {
    assignmentStrategy: 'direct',
    directAssigneeId: assignee,
  });
  assert.equal(outsider.status, 422);
  assert.match(outsider.body.detail, /not a member/);
  const moved = await admin.patch(`/api/admin/users/${assignee}`, { teamId: created.body.id });
  assert.equal(moved.status, 200);
  const ok = await admin.patch(`/api/admin/teams/${created.body.id}`, {
    assignmentStrategy: 'direct',
    directAssigneeId: assignee,
  });
  assert.equal(ok.status, 200);
  assert.equal(ok.body.directAssigneeId, assignee);

  const badKind = await admin.post('/api/admin/teams', { name: 'X', kind: 'vendor' });
  assert.equal(badKind.status, 400);
  const taken = await admin.post('/api/admin/teams', { name: 'Acme BPO', kind: 'bpo' });
  assert.equal(taken.status, 409);
  const list = await admin.get('/api/admin/teams');
  const acme = list.body.items.find((t: { name: string }) => t.name === 'Acme BPO');
  assert.equal(acme.activeMembers, 1);
  assert.equal(acme.assignmentStrategy, 'least_loaded');
});
