import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTestContext } from '../../../test/context.ts';

const ctx = await createTestContext();
const admin = ctx.as('admin@demo.test');
const missingId = '00000000-0000-4000-8000-000000000000';

async function userId(email: string) {
  const row = await ctx.db
    .selectFrom('users')
    .select('id')
    .where('email', '=', email)
    .executeTakeFirstOrThrow();
  return row.id;
}
async function teamId(name: string) {
  const row = await ctx.db
    .selectFrom('teams')
    .select('id')
    .where('name', '=', name)
    .executeTakeFirstOrThrow();
  return row.id;
}

test('an admin creates a user who can then sign in', async () => {
  const created = await admin.post('/api/admin/users', {
    email: 'New.Agent@Demo.test',
    name: 'Nia Agent',
    password: 'correct horse',
    role: 'agent',
    siteSlug: 'east',
    supervisorId: await userId('supervisor.east@demo.test'),
  });
  assert.equal(created.status, 201);
  assert.equal(created.body.email, 'new.agent@demo.test');
  assert.equal(created.body.siteSlug, 'east');
  assert.equal(created.body.isActive, true);
  const signIn = await ctx.anonymous.post('/api/session', {
    email: 'new.agent@demo.test',
    password: 'correct horse',
  });
  assert.equal(signIn.status, 200);
  assert.equal(signIn.body.role, 'agent');
});

test('a taken email is a 409; bad fields are 400; unknown references are 422 naming the field', async () => {
  const base = { name: 'X', password: 'long enough', role: 'agent' };
  const taken = await admin.post('/api/admin/users', { ...base, email: 'AGENT.EAST@demo.test' });
  assert.equal(taken.status, 409);
  assert.equal(taken.body.field, 'email');
  assert.equal((await admin.post('/api/admin/users', { ...base, email: 'not-an-email' })).status, 400);
  assert.equal(
    (await admin.post('/api/admin/users', { ...base, email: 'a@b.test', password: 'short' })).status,
    400,
  );
  assert.equal(
    (await admin.post('/api/admin/users', { ...base, email: 'a@b.test', role: 'king' })).status,
    400,
  );
  const site = await admin.post('/api/admin/users', { ...base, email: 'a@b.test', siteSlug: 'north' });
  assert.equal(site.status, 422);
  assert.equal(site.body.field, 'siteSlug');
  const team = await admin.post('/api/admin/users', { ...base, email: 'a@b.test', teamId: missingId });
  assert.equal(team.status, 422);
  assert.equal(team.body.field, 'teamId');
  const boss = await admin.post('/api/admin/users', { ...base, email: 'a@b.test', supervisorId: missingId });
  assert.equal(boss.status, 422);
  assert.equal(boss.body.field, 'supervisorId');
  const none = await ctx.db.selectFrom('users').select('id').where('email', '=', 'a@b.test').execute();
  assert.equal(none.length, 0);
});

test('deactivating a user signs them out and keeps the row', async () => {
  const bpo = ctx.as('cb.bpo2@demo.test');
  assert.equal((await bpo.get('/api/me')).status, 200);
  const id = await userId('cb.bpo2@demo.test');
  const off = await admin.patch(`/api/admin/users/${id}`, { isActive: false });
  assert.equal(off.status, 200);
  assert.equal(off.body.openTasks, 0);
  assert.equal(off.body.isActive, false);
  assert.equal((await bpo.get('/api/me')).status, 401);
  const signIn = await ctx.anonymous.post('/api/session', { email: 'cb.bpo2@demo.test', password: 'demo' });
  assert.equal(signIn.status, 401);
  const listed = await admin.get('/api/admin/users?includeInactive=false');
  assert.ok(!listed.body.items.some((u: { email: string }) => u.email === 'cb.bpo2@demo.test'));
  const all = await admin.get('/api/admin/users');
  assert.ok(all.body.items.some((u: { email: string }) => u.email === 'cb.bpo2@demo.test'));
});

test('the user list shows how many open tasks each person holds', async () => {
  const created = await ctx
    .as('supervisor.east@demo.test')
    .post('/api/tasks', { type: 'tier3', jobNumber: 'J-100100', details: 'Look into it.' });
  assert.equal(created.status, 201);
  const list = await admin.get('/api/admin/users?role=tier3');
  const holder = list.body.items.find((u: { id: string }) => u.id === created.body.assigneeId);
  assert.equal(holder.openTasks, 1);
  const others = list.body.items.filter((u: { id: string }) => u.id !== created.body.assigneeId);
  assert.ok(others.every((u: { openTasks: number }) => u.openTasks === 0));
});

test('users change team, site and supervisor; an admin cannot lock themselves out', async () => {
  const id = await userId('agent.west@demo.test');
  const moved = await admin.patch(`/api/admin/users/${id}`, {
    siteSlug: 'east',
    supervisorId: await userId('supervisor.east@demo.test'),
    teamId: await teamId('Tier 2'),
  });
  assert.equal(moved.status, 200);
  assert.equal(moved.body.siteSlug, 'east');
  assert.equal(moved.body.teamName, 'Tier 2');
  const self = await admin.patch(`/api/admin/users/${id}`, { supervisorId: id });
  assert.equal(self.status, 422);
  const me = await userId('admin@demo.test');
  const lockout = await admin.patch(`/api/admin/users/${me}`, { isActive: false });
  assert.equal(lockout.status, 409);
  assert.equal((await admin.patch(`/api/admin/users/${missingId}`, { name: 'x' })).status, 404);
  assert.equal(
    (await ctx.as('lead.east@demo.test').patch(`/api/admin/users/${id}`, { name: 'x' })).status,
    403,
  );
});

test('routing rules are listed by position and new ones go last', async () => {
  const list = await admin.get('/api/admin/routing-rules');
  assert.equal(list.status, 200);
  const positions = list.body.items.map((r: { position: number }) => r.position);
  assert.deepEqual(
    positions,
    [...positions].sort((a, b) => a - b),
  );
  const exec = list.body.items.find((r: { taskType: string }) => r.taskType === 'executive_case');
  assert.equal(exec.assigneeId, await userId('exec@demo.test'));

  const created = await admin.post('/api/admin/routing-rules', {
    taskType: 'tier3',
    matchSiteId: (
      await ctx.db.selectFrom('sites').select('id').where('slug', '=', 'west').executeTakeFirstOrThrow()
    ).id,
    teamId: await teamId('Tier 3'),
    assigneeId: await userId('tier3@demo.test'),
  });
  assert.equal(created.status, 201);
  assert.equal(created.body.position, Math.max(...positions) + 10);
  assert.equal(created.body.teamName, 'Tier 3');
  // Names beside the ids, so the admin screen never shows a UUID.
  assert.equal(created.body.matchSiteName, 'West Leadership Desk');
  assert.equal(
    created.body.assigneeName,
    (await admin.get('/api/admin/users')).body.items.find(
      (u: { email: string }) => u.email === 'tier3@demo.test',
    ).name,
  );
  assert.equal(created.body.matchTeamName, null);
  assert.equal(created.body.exceptionTypeLabel, null);

  const moved = await admin.patch(`/api/admin/routing-rules/${created.body.id}`, {
    position: 5,
    isActive: false,
  });
  assert.equal(moved.status, 200);
  const again = await admin.get('/api/admin/routing-rules');
  assert.equal(again.body.items[0].id, created.body.id);
  assert.equal(again.body.items[0].isActive, false);
});

test('a rule that references something missing is a 422 naming the field, and writes nothing', async () => {
  const before = (await admin.get('/api/admin/routing-rules')).body.items.length;
  const tier2 = await teamId('Tier 2');
  const cases: [Record<string, unknown>, string][] = [
    [{ teamId: missingId }, 'teamId'],
    [{ teamId: tier2, exceptionTypeId: missingId }, 'exceptionTypeId'],
    [{ teamId: tier2, matchUserId: missingId }, 'matchUserId'],
    [{ teamId: tier2, matchSiteId: missingId }, 'matchSiteId'],
    [{ teamId: tier2, matchTeamId: missingId }, 'matchTeamId'],
    [{ teamId: tier2, assigneeId: await userId('exec@demo.test') }, 'assigneeId'],
  ];
  for (const [body, field] of cases) {
    const response = await admin.post('/api/admin/routing-rules', body);
    assert.equal(response.status, 422, field);
    assert.equal(response.body.field, field);
    assert.equal(response.body.code, 'unprocessable');
  }
  assert.equal(
    (await admin.post('/api/admin/routing-rules', { teamId: tier2, taskType: 'chores' })).status,
    400,
  );
  assert.equal((await admin.get('/api/admin/routing-rules')).body.items.length, before);
  const unknown = await admin.patch(`/api/admin/routing-rules/${missingId}`, { position: 1 });
  assert.equal(unknown.status, 404);
});
