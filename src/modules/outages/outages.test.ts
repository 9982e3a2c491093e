import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTestContext } from '../../../test/context.ts';

const ctx = await createTestContext();
const admin = ctx.as('admin@demo.test');
const eastAgent = ctx.as('agent.east@demo.test');
const westAgent = ctx.as('agent.west@demo.test');
const outage = {
  title: 'Claims system down',
  guidance: 'Take a callback number; do not promise a claim decision.',
  script: 'We are having a system problem and will call you back within two hours.',
  siteSlugs: ['east'],
};

function escalate(agent: typeof eastAgent) {
  return agent.post('/api/escalations', { jobNumber: 'J-100101', reasons: ['service_delay'], summary: 'x' });
}

test('only admins declare and end outages', async () => {
  const response = await ctx.as('supervisor.east@demo.test').post('/api/admin/outages', outage);
  assert.equal(response.status, 403);
  assert.equal(response.body.code, 'forbidden');
  assert.equal((await ctx.anonymous.get('/api/outages/active')).status, 401);
});

test('an outage tags escalations at its sites until it ends, and is shown to those agents', async () => {
  ctx.clock.set('2026-11-26T16:00:00Z');
  const declared = await admin.post('/api/admin/outages', outage);
  assert.equal(declared.status, 201);
  assert.deepEqual(declared.body.siteSlugs, ['east']);
  assert.equal(declared.body.isActive, true);
  assert.equal(declared.body.startedAt, '2026-11-26T16:00:00.000Z');

  const eastSees = await eastAgent.get('/api/outages/active');
  assert.deepEqual(
    eastSees.body.items.map((o: { id: string }) => o.id),
    [declared.body.id],
  );
  assert.equal(eastSees.body.items[0].script, outage.script);
  assert.deepEqual((await westAgent.get('/api/outages/active')).body.items, []);
  assert.equal((await admin.get('/api/outages/active')).body.items.length, 1);

  const during = await escalate(eastAgent);
  assert.equal(during.body.outageId, declared.body.id);
  const elsewhere = await escalate(westAgent);
  assert.equal(elsewhere.body.outageId, null);

  ctx.clock.advance(45 * 60_000);
  const ended = await admin.post(`/api/admin/outages/${declared.body.id}/end`);
  assert.equal(ended.status, 200);
  assert.equal(ended.body.isActive, false);
  assert.equal(ended.body.endedAt, '2026-11-26T16:45:00.000Z');
  const after = await escalate(eastAgent);
  assert.equal(after.body.outageId, null);
  assert.deepEqual((await eastAgent.get('/api/outages/active')).body.items, []);

  const again = await admin.post(`/api/admin/outages/${declared.body.id}/end`);
  assert.equal(again.status, 409);
  assert.equal(again.body.code, 'conflict');
  const listed = await admin.get('/api/admin/outages');
  assert.equal(listed.body.items[0].id, declared.body.id);
});

test('declaring and ending publish events to the affected sites', async () => {
  const declared = await admin.post('/api/admin/outages', { ...outage, siteSlugs: ['east', 'west'] });
  await admin.post(`/api/admin/outages/${declared.body.id}/end`);
  const events = await ctx.db
    .selectFrom('events')
    .select(['type', 'site_id', 'roles', 'data'])
    .where('type', 'like', 'outage.%')
    .orderBy('id')
    .execute();
  const mine = events.filter((e) => (e.data as { outageId: string }).outageId === declared.body.id);
  const sites = await ctx.db.selectFrom('sites').select(['id', 'slug']).execute();
  const siteSlug = (id: string | null) => sites.find((s) => s.id === id)?.slug ?? null;
  assert.deepEqual(
    mine.map((e) => [e.type, siteSlug(e.site_id), e.roles.join()]).sort(),
    [
      ['outage.ended', 'east', ''],
      ['outage.ended', 'west', ''],
      ['outage.ended', null, 'admin'],
      ['outage.started', 'east', ''],
      ['outage.started', 'west', ''],
      ['outage.started', null, 'admin'],
    ].sort(),
  );
});

test('an unknown site is a 422 naming it and writes nothing; bad bodies are 400; unknown ids 404', async () => {
  const before = await ctx.db.selectFrom('outages').select('id').execute();
  const unknown = await admin.post('/api/admin/outages', { ...outage, siteSlugs: ['east', 'mars'] });
  assert.equal(unknown.status, 422);
  assert.equal(unknown.body.field, 'siteSlugs');
  assert.match(unknown.body.detail, /mars/);
  assert.equal((await admin.post('/api/admin/outages', { ...outage, siteSlugs: [] })).status, 400);
  assert.equal((await admin.post('/api/admin/outages', { ...outage, title: '' })).status, 400);
  const after = await ctx.db.selectFrom('outages').select('id').execute();
  assert.equal(after.length, before.length);
  const missing = await admin.post('/api/admin/outages/00000000-0000-4000-8000-000000000000/end');
  assert.equal(missing.status, 404);
});

test('a running outage is corrected in place: texts and sites; both old and new sites hear it', async () => {
  const declared = await admin.post('/api/admin/outages', outage);
  const edited = await admin.patch(`/api/admin/outages/${declared.body.id}`, {
    title: 'Claims system slow',
    siteSlugs: ['west'],
  });
  assert.equal(edited.status, 200);
  assert.equal(edited.body.title, 'Claims system slow');
  assert.equal(edited.body.guidance, outage.guidance);
  assert.deepEqual(edited.body.siteSlugs, ['west']);
  assert.equal(edited.body.startedAt, declared.body.startedAt);
  const ids = async (agent: typeof eastAgent) =>
    (await agent.get('/api/outages/active')).body.items.map((o: { id: string }) => o.id);
  assert.ok(!(await ids(eastAgent)).includes(declared.body.id));
  assert.ok((await ids(westAgent)).includes(declared.body.id));
  const events = await ctx.db
    .selectFrom('events as e')
    .leftJoin('sites as s', 's.id', 'e.site_id')
    .select(['s.slug', 'e.data'])
    .where('e.type', '=', 'outage.updated')
    .execute();
  const mine = events.filter((e) => (e.data as { outageId: string }).outageId === declared.body.id);
  assert.deepEqual(mine.map((e) => e.slug).sort(), ['east', 'west', null].sort());

  const unknown = await admin.patch(`/api/admin/outages/${declared.body.id}`, { siteSlugs: ['mars'] });
  assert.equal(unknown.status, 422);
  assert.equal(unknown.body.field, 'siteSlugs');
  assert.equal((await admin.patch(`/api/admin/outages/${declared.body.id}`, {})).status, 400);
  assert.equal((await admin.patch(`/api/admin/outages/${declared.body.id}`, { title: '' })).status, 400);
  assert.equal(
    (
      await ctx
        .as('supervisor.east@demo.test')
        .patch(`/api/admin/outages/${declared.body.id}`, { title: 'x' })
    ).status,
    403,
  );

  await admin.post(`/api/admin/outages/${declared.body.id}/end`);
  const late = await admin.patch(`/api/admin/outages/${declared.body.id}`, { title: 'Too late' });
  assert.equal(late.status, 409);
  const missing = await admin.patch('/api/admin/outages/00000000-0000-4000-8000-000000000000', {
    title: 'x',
  });
  assert.equal(missing.status, 404);
});
