import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bookCallbackOverApi } from '../../../test/callback-fixture.ts';
import { createTestContext } from '../../../test/context.ts';
import { timerHandlers } from '../../jobs/handlers.ts';
import { runDueTimers } from '../../jobs/runner.ts';

// Promise alerts kept until read: the broken promise of a booked callback reaches the east
// supervisor's notification centre, and the task's promise summary says broken.
const ctx = await createTestContext({ now: '2026-11-30T14:00:00Z' });
const supervisor = ctx.as('supervisor.east@demo.test');
const westSupervisor = ctx.as('supervisor.west@demo.test');
const admin = ctx.as('admin@demo.test');

async function at(iso: string) {
  ctx.clock.set(iso);
  return runDueTimers(ctx.deps, timerHandlers);
}

type Note = { id: string; kind: string; taskId: string; title: string; readAt: string | null };

const booked = await bookCallbackOverApi(ctx, { jobNumber: 'J-100110', start: '2026-11-30T15:00:00Z' });

test('an at-risk and a broken promise are kept for the site supervisor, unread first', async () => {
  assert.equal((await admin.get(`/api/tasks/${booked.taskId}`)).body.promise.state, 'open');
  await at('2026-11-30T15:03:30Z');
  assert.equal((await admin.get(`/api/tasks/${booked.taskId}`)).body.promise.state, 'at_risk');
  await at('2026-11-30T15:06:00Z');
  const task = (await admin.get(`/api/tasks/${booked.taskId}`)).body;
  assert.deepEqual(task.promise, { state: 'broken', dueAt: '2026-11-30T15:05:00.000Z' });

  const list = await supervisor.get('/api/notifications');
  assert.equal(list.status, 200);
  const mine = list.body.items.filter((n: Note) => n.taskId === booked.taskId);
  assert.deepEqual(
    mine.map((n: Note) => [n.kind, n.title, n.readAt]),
    [
      ['callback.promise_broken', 'Promise broken', null],
      ['callback.promise_at_risk', 'Promise at risk', null],
    ],
  );
  assert.equal(list.body.unread, 2);
  assert.deepEqual((await supervisor.get('/api/notifications/unread-count')).body, { unread: 2 });
  // The west supervisor oversees another site: nothing for them.
  assert.equal((await westSupervisor.get('/api/notifications')).body.items.length, 0);
});

test('reading one marks it read and moves it below the unread; another person gets a 404', async () => {
  const [broken, atRisk] = (await supervisor.get('/api/notifications')).body.items as Note[];
  const other = await westSupervisor.post(`/api/notifications/${broken!.id}/read`);
  assert.equal(other.status, 404);
  assert.equal(other.body.code, 'not_found');

  const read = await supervisor.post(`/api/notifications/${broken!.id}/read`);
  assert.equal(read.status, 200);
  assert.ok(read.body.readAt);
  const after = (await supervisor.get('/api/notifications')).body;
  assert.deepEqual(
    after.items.map((n: Note) => n.id),
    [atRisk!.id, broken!.id],
  );
  assert.equal(after.unread, 1);

  const all = await supervisor.post('/api/notifications/read-all');
  assert.deepEqual(all.body, { updated: 1 });
  assert.equal((await supervisor.get('/api/notifications/unread-count')).body.unread, 0);
});

test('pages cover every notification once, unread first then newest first', async () => {
  // More alerts: three more booked callbacks whose promises break.
  for (const [i, job] of ['J-100120', 'J-100130', 'J-100140'].entries()) {
    ctx.clock.set('2026-11-30T16:00:00Z');
    await bookCallbackOverApi(ctx, { jobNumber: job, start: `2026-11-30T1${7 + i}:00:00Z` });
  }
  await at('2026-11-30T21:00:00Z');
  const first = (await supervisor.get('/api/notifications?limit=100')).body;
  assert.equal(first.unread, 6);
  const flags = first.items.map((n: Note) => n.readAt === null);
  assert.deepEqual(
    flags,
    [...flags].sort((a: boolean, b: boolean) => Number(b) - Number(a)),
  );
  const paged: string[] = [];
  let cursor: string | null = null;
  do {
    const page: { body: { items: Note[]; nextCursor: string | null } } = await supervisor.get(
      `/api/notifications?limit=3${cursor ? `&cursor=${cursor}` : ''}`,
    );
    paged.push(...page.body.items.map((n) => n.id));
    cursor = page.body.nextCursor;
  } while (cursor);
  assert.deepEqual(
    paged,
    first.items.map((n: Note) => n.id),
  );
  assert.equal((await supervisor.get('/api/notifications?cursor=nonsense')).status, 400);
});
