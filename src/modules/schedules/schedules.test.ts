import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTestContext } from '../../../test/context.ts';
import { userId } from '../../../test/desk.ts';

const ctx = await createTestContext({ now: '2026-11-26T15:00:00Z' });
const admin = ctx.as('admin@demo.test');
const agent = ctx.as('agent.east@demo.test');

async function remainingAt(start: string, date = '2026-11-30') {
  const response = await agent.get(`/api/sites/east/availability?from=${date}&days=1&tz=America/New_York`);
  return response.body.days[0].windows.find((w: { start: string }) => w.start === start)?.remaining ?? 0;
}

test('the demo desks work weekdays 08:00–17:00, and only admins see the schedules', async () => {
  const east = await admin.get('/api/admin/schedules?site=east');
  assert.equal(east.status, 200);
  assert.equal(east.body.timeZone, 'America/New_York');
  const members = new Set(east.body.items.map((s: { userName: string }) => s.userName));
  assert.deepEqual([...members].sort(), ['Morgan Diaz', 'Riley Chen', 'Sam Ortiz']);
  assert.equal(east.body.items.length, 15);
  assert.ok(
    east.body.items.every((s: { start: string; end: string }) => s.start === '08:00' && s.end === '17:00'),
  );
  const west = await admin.get('/api/admin/schedules?site=west');
  assert.equal(west.body.items.length, 10);
  assert.equal((await agent.get('/api/admin/schedules?site=east')).status, 403);
});

test('time off and extra hours change the places on offer', async () => {
  const lead = await userId(ctx.db, 'lead.east@demo.test');
  assert.equal(await remainingAt('2026-11-30T09:00:00-05:00'), 3);
  const off = await admin.post('/api/admin/schedule-exceptions', {
    siteSlug: 'east',
    userId: lead,
    date: '2026-11-30',
    kind: 'off',
    start: '09:00',
    end: '10:00',
    note: 'Dentist',
  });
  assert.equal(off.status, 201);
  assert.equal(await remainingAt('2026-11-30T09:00:00-05:00'), 2);
  assert.equal(await remainingAt('2026-11-30T10:00:00-05:00'), 3);

  const extra = await admin.post('/api/admin/schedules', {
    siteSlug: 'east',
    userId: lead,
    weekday: 1,
    start: '17:00',
    end: '19:00',
  });
  assert.equal(extra.status, 201);
  assert.equal(await remainingAt('2026-11-30T18:30:00-05:00'), 1);

  const moved = await admin.patch(`/api/admin/schedules/${extra.body.id}`, { end: '18:00' });
  assert.equal(moved.status, 200);
  assert.equal(moved.body.end, '18:00');
  assert.equal(await remainingAt('2026-11-30T18:30:00-05:00'), 0);

  const holiday = await admin.post('/api/admin/schedule-exceptions', {
    siteSlug: 'east',
    date: '2026-12-24',
    kind: 'off',
  });
  assert.equal(holiday.status, 201);
  assert.equal(await remainingAt('2026-12-24T09:00:00-05:00', '2026-12-24'), 0);
  assert.equal((await admin.delete(`/api/admin/schedule-exceptions/${holiday.body.id}`)).status, 200);
  assert.equal(await remainingAt('2026-12-24T09:00:00-05:00', '2026-12-24'), 3);
});

test('bad schedules are refused with clear messages', async () => {
  const lead = await userId(ctx.db, 'lead.east@demo.test');
  const agentId = await userId(ctx.db, 'agent.east@demo.test');
  const backwards = await admin.post('/api/admin/schedules', {
    siteSlug: 'east',
    userId: lead,
    weekday: 2,
    start: '17:00',
    end: '08:00',
  });
  assert.equal(backwards.status, 400);
  assert.match(backwards.body.detail, /after start/);
  const notDesk = await admin.post('/api/admin/schedules', {
    siteSlug: 'east',
    userId: agentId,
    weekday: 2,
    start: '08:00',
    end: '09:00',
  });
  assert.equal(notDesk.status, 422);
  const badTime = await admin.post('/api/admin/schedules', {
    siteSlug: 'east',
    userId: lead,
    weekday: 2,
    start: '25:00',
    end: '26:00',
  });
  assert.equal(badTime.status, 400);
  const site = await admin.get('/api/admin/schedules?site=nowhere');
  assert.equal(site.status, 404);
});
