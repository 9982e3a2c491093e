import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addUser, noteKinds, openEscalation, setPresence, userId } from '../../../test/desk.ts';
import { createTestContext } from '../../../test/context.ts';
import { hasApprovedCallbackPermission } from './service.ts';

const ctx = await createTestContext();
const agent = ctx.as('agent.east@demo.test');

test('the agent asks their direct supervisor, who approves once; booking sees the approval', async () => {
  const escalationId = await openEscalation(ctx);
  const asked = await agent.post(`/api/escalations/${escalationId}/callback-permission`, {
    note: 'Desk is empty; customer wants a call back.',
  });
  assert.equal(asked.status, 201);
  assert.equal(asked.body.status, 'pending');
  assert.equal(asked.body.supervisorId, await userId(ctx.db, 'supervisor.east@demo.test'));
  assert.equal(asked.body.isFallbackSupervisor, false);
  assert.equal(asked.body.thresholdReached, false);
  assert.equal(await hasApprovedCallbackPermission(ctx.db, escalationId), false);

  const again = await agent.post(`/api/escalations/${escalationId}/callback-permission`, {});
  assert.equal(again.status, 409);
  assert.equal(again.body.permissionId, asked.body.id);

  const url = `/api/callback-permissions/${asked.body.id}`;
  const inbox = await ctx.as('supervisor.east@demo.test').get('/api/callback-permissions?status=pending');
  assert.ok(inbox.body.items.some((p: { id: string }) => p.id === asked.body.id));

  ctx.clock.advance(42_000);
  const approved = await ctx.as('supervisor.east@demo.test').post(`${url}/approve`, { note: 'Go ahead.' });
  assert.equal(approved.status, 200);
  assert.equal(approved.body.status, 'approved');
  assert.equal(approved.body.decisionSeconds, 42);
  assert.equal(approved.body.decidedBy.name, 'Sam Ortiz');
  assert.equal(await hasApprovedCallbackPermission(ctx.db, escalationId), true);

  const second = await ctx.as('supervisor.east@demo.test').post(`${url}/deny`, {});
  assert.equal(second.status, 409);
  assert.equal(second.body.code, 'already_decided');

  const mine = await agent.get(`/api/callback-permissions?escalationId=${escalationId}`);
  assert.deepEqual(
    mine.body.items.map((p: { id: string }) => p.id),
    [asked.body.id],
  );
  const seen = await agent.get(url);
  assert.equal(seen.body.status, 'approved');
  assert.equal(seen.body.note, 'Go ahead.');
  const kinds = await noteKinds(ctx);
  assert.ok(kinds.includes('callback_permission.requested'));
  assert.ok(kinds.includes('callback_permission.approved'));
});

test('only the addressed supervisor decides: another site, a lead and the agent are refused', async () => {
  const escalationId = await openEscalation(ctx);
  const asked = await agent.post(`/api/escalations/${escalationId}/callback-permission`, {});
  const url = `/api/callback-permissions/${asked.body.id}`;
  const otherSite = await ctx.as('supervisor.west@demo.test').post(`${url}/approve`, {});
  assert.equal(otherSite.status, 403);
  const lead = await ctx.as('lead.east@demo.test').post(`${url}/approve`, {});
  assert.equal(lead.status, 403);
  const self = await agent.post(`${url}/approve`, {});
  assert.equal(self.status, 403);
  // Out of reach (docs/walls.md): 404, never 403.
  const westView = await ctx.as('agent.west@demo.test').get(url);
  assert.equal(westView.status, 404);
  const denied = await ctx
    .as('supervisor.east@demo.test')
    .post(`${url}/deny`, { note: 'Try the desk again.' });
  assert.equal(denied.status, 200);
  assert.equal(denied.body.status, 'denied');
  assert.equal(await hasApprovedCallbackPermission(ctx.db, escalationId), false);
  assert.ok((await noteKinds(ctx)).includes('callback_permission.denied'));
});

test('with the direct supervisor away, an available supervisor of the site is asked as a fallback', async () => {
  await addUser(ctx.db, {
    email: 'supervisor2.east@demo.test',
    name: 'Pat Fallback',
    role: 'supervisor',
    siteSlug: 'east',
    presence: 'available',
  });
  await addUser(ctx.db, {
    email: 'supervisor3.east@demo.test',
    name: 'Lee Third',
    role: 'supervisor',
    siteSlug: 'east',
    presence: 'offline',
  });
  await setPresence(ctx.db, 'supervisor.east@demo.test', 'away');
  const escalationId = await openEscalation(ctx);
  const asked = await agent.post(`/api/escalations/${escalationId}/callback-permission`, {});
  assert.equal(asked.status, 201);
  assert.equal(asked.body.supervisor.name, 'Pat Fallback');
  assert.equal(asked.body.isFallbackSupervisor, true);
  // Any supervisor of the site may decide a fallback question; another site's may not.
  const west = await ctx
    .as('supervisor.west@demo.test')
    .post(`/api/callback-permissions/${asked.body.id}/approve`, {});
  assert.equal(west.status, 403);
  const third = await ctx
    .as('supervisor3.east@demo.test')
    .post(`/api/callback-permissions/${asked.body.id}/approve`, {});
  assert.equal(third.status, 200);
  assert.equal(third.body.decidedBy.name, 'Lee Third');
  await setPresence(ctx.db, 'supervisor.east@demo.test', 'offline');
  await setPresence(ctx.db, 'supervisor2.east@demo.test', 'offline');
});

test('with no direct supervisor and nobody available the ask is a clear 422', async () => {
  await addUser(ctx.db, {
    email: 'orphan.east@demo.test',
    name: 'Orphan Agent',
    role: 'agent',
    siteSlug: 'east',
  });
  const escalationId = await openEscalation(ctx, 'orphan.east@demo.test');
  const asked = await ctx
    .as('orphan.east@demo.test')
    .post(`/api/escalations/${escalationId}/callback-permission`, {});
  assert.equal(asked.status, 422);
  assert.match(asked.body.detail, /no direct supervisor/);
});

test('someone else than the escalating agent may not ask; bad ids are 400 and unknown ids 404', async () => {
  const escalationId = await openEscalation(ctx);
  const west = await ctx
    .as('agent.west@demo.test')
    .post(`/api/escalations/${escalationId}/callback-permission`, {});
  // Out of reach (docs/walls.md): 404, never 403.
  assert.equal(west.status, 404);
  const callbackAgent = await ctx
    .as('cb.captive@demo.test')
    .post(`/api/escalations/${escalationId}/callback-permission`, {});
  assert.equal(callbackAgent.status, 403);
  const badId = await agent.post('/api/escalations/not-a-uuid/callback-permission', {});
  assert.equal(badId.status, 400);
  const unknownEscalation = await agent.post(
    '/api/escalations/00000000-0000-4000-8000-000000000000/callback-permission',
    {},
  );
  assert.equal(unknownEscalation.status, 404);
  const badPermission = await ctx
    .as('supervisor.east@demo.test')
    .post('/api/callback-permissions/123/approve', {});
  assert.equal(badPermission.status, 400);
  const unknown = await ctx
    .as('supervisor.east@demo.test')
    .get('/api/callback-permissions/00000000-0000-4000-8000-000000000000');
  assert.equal(unknown.status, 404);
});
