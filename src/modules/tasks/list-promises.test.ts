import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'kysely';
import { bookCallbackOverApi } from '../../../test/callback-fixture.ts';
import { createTestContext } from '../../../test/context.ts';
import { timerHandlers } from '../../jobs/handlers.ts';
import { runDueTimers } from '../../jobs/runner.ts';
import { demoJobNumbers, openCallBackTask } from './test-fixtures.ts';

// Activities by contact promise: each callback task carries its promises' state (broken, at risk,
// open, kept) and due time; the list filters by it and pages in promise-due order, index-backed.
const ctx = await createTestContext({ now: '2026-11-30T13:00:00Z' });
const lead = ctx.as('lead.east@demo.test');
const jobs = await demoJobNumbers(ctx);

async function at(iso: string) {
  ctx.clock.set(iso);
  return runDueTimers(ctx.deps, timerHandlers);
}

const starts = {
  brokenEarly: '2026-11-30T14:00:00Z',
  brokenLater: '2026-11-30T15:00:00Z',
  atRisk: '2026-11-30T18:00:00Z',
  open: '2026-11-30T19:00:00Z',
  kept: '2026-11-30T16:00:00Z',
};
const ids: Record<string, string> = {};
for (const [i, [name, start]] of Object.entries(starts).entries()) {
  ids[name] = (await bookCallbackOverApi(ctx, { jobNumber: jobs[i]!, start })).taskId;
}
ids.none = (await openCallBackTask(ctx, 'agent.east@demo.test', jobs[6]!)).id;

await at('2026-11-30T16:01:00Z');
const keptTask = await lead.get(`/api/tasks/${ids.kept}`);
const assignee = await ctx.db
  .selectFrom('users')
  .select('email')
  .where('id', '=', keptTask.body.assigneeId)
  .executeTakeFirstOrThrow();
const attempt = await ctx
  .as(assignee.email)
  .post(`/api/tasks/${ids.kept}/attempts`, { outcome: 'connected' });
assert.equal(attempt.status, 201, JSON.stringify(attempt.body));
await at('2026-11-30T18:04:00Z');

type Item = { id: string; promise: { state: string; dueAt: string | null } | null };

test('each task shows its promise state and the due time it is about', async () => {
  const all = (await lead.get('/api/tasks?limit=200')).body.items as Item[];
  const byId = new Map(all.map((t) => [t.id, t.promise]));
  assert.deepEqual(byId.get(ids.brokenEarly!), { state: 'broken', dueAt: '2026-11-30T14:05:00.000Z' });
  assert.deepEqual(byId.get(ids.brokenLater!), { state: 'broken', dueAt: '2026-11-30T15:05:00.000Z' });
  assert.deepEqual(byId.get(ids.atRisk!), { state: 'at_risk', dueAt: '2026-11-30T18:05:00.000Z' });
  assert.deepEqual(byId.get(ids.open!), { state: 'open', dueAt: '2026-11-30T19:05:00.000Z' });
  assert.deepEqual(byId.get(ids.kept!), { state: 'kept', dueAt: '2026-11-30T16:05:00.000Z' });
  assert.equal(byId.get(ids.none!), null);
});

test('the promise filter takes one state or several, and counts agree with the list', async () => {
  const broken = (await lead.get('/api/tasks?promise=broken')).body.items as Item[];
  assert.deepEqual(new Set(broken.map((t) => t.id)), new Set([ids.brokenEarly, ids.brokenLater]));
  const attention = (await lead.get('/api/tasks?promise=at_risk,broken&status=open&sort=promise')).body
    .items as Item[];
  assert.deepEqual(
    attention.map((t) => t.id),
    [ids.brokenEarly, ids.brokenLater, ids.atRisk],
  );
  const counts = (await lead.get('/api/tasks/counts?promise=at_risk,broken')).body;
  assert.equal(counts.total, 3);
  assert.equal((await lead.get('/api/tasks?promise=late')).status, 400);
});

test('sorted by promise due, pages run soonest first, tasks without promises last, each once', async () => {
  const all = (await lead.get('/api/tasks?sort=promise&limit=200')).body.items as Item[];
  const mine = all.filter((t) => Object.values(ids).includes(t.id)).map((t) => t.id);
  assert.deepEqual(mine.slice(0, 5), [ids.brokenEarly, ids.brokenLater, ids.kept, ids.atRisk, ids.open]);
  const dues = all.map((t) => (t.promise?.dueAt ? Date.parse(t.promise.dueAt) : Number.POSITIVE_INFINITY));
  assert.deepEqual(
    dues,
    [...dues].sort((x, y) => x - y),
  );
  const paged: string[] = [];
  let cursor: string | null = null;
  do {
    const page: { status: number; body: { items: Item[]; nextCursor: string | null } } = await lead.get(
      `/api/tasks?sort=promise&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
    );
    assert.equal(page.status, 200);
    paged.push(...page.body.items.map((t) => t.id));
    cursor = page.body.nextCursor;
  } while (cursor);
  assert.deepEqual(
    paged,
    all.map((t) => t.id),
  );
  const created = await lead.get('/api/tasks?limit=2');
  assert.equal((await lead.get(`/api/tasks?sort=promise&cursor=${created.body.nextCursor}`)).status, 400);
});

test('the promise order and the notification inbox are served by their indexes', async () => {
  const plans = await ctx.db.transaction().execute(async (tx) => {
    // A table this small is cheaper to scan: forbid scans to see that an index serves the order.
    await sql`SET LOCAL enable_seqscan = off`.execute(tx);
    await sql`SET LOCAL enable_bitmapscan = off`.execute(tx);
    const explain = async (query: ReturnType<typeof sql>) =>
      (await sql<{ 'QUERY PLAN': string }>`EXPLAIN ${query}`.execute(tx)).rows
        .map((r) => r['QUERY PLAN'])
        .join('\n');
    return {
      promise: await explain(sql`SELECT t.id FROM tasks t
        WHERE (coalesce(t.promise_due_at, 'infinity'::timestamptz), t.id) > (now(), ${ids.open}::uuid)
        ORDER BY coalesce(t.promise_due_at, 'infinity'::timestamptz), t.id LIMIT 51`),
      inbox: await explain(sql`SELECT n.id FROM notifications n
        WHERE n.user_id = ${keptTask.body.assigneeId}::uuid
        ORDER BY n.read_at IS NULL DESC, n.created_at DESC, n.id DESC LIMIT 21`),
    };
  });
  assert.match(plans.promise, /Index Scan using tasks_promise_order_idx/);
  assert.doesNotMatch(plans.promise, /Sort/);
  assert.match(plans.inbox, /Index (Only )?Scan Backward using notifications_inbox_idx/);
  assert.doesNotMatch(plans.inbox, /Sort/);
});

type PromiseRow = {
  kind: string;
  dueAt: string;
  keptAt: string | null;
  brokenAt: string | null;
  supersededAt: string | null;
};
type Report = {
  rows: Record<string, string | number | null>[];
  links: Record<string, Record<string, string>>[];
};

test("a report's promise counts open the tasks those promises belong to", async () => {
  const supervisor = ctx.as('supervisor.east@demo.test');
  const outcomeOf = (p: PromiseRow) => (p.keptAt ? 'kept' : p.brokenAt ? 'broken' : 'open');
  let checked = 0;
  for (const url of [
    '/api/reports/promises-kept?from=2026-11-30&to=2026-11-30',
    '/api/reports/promises-kept?from=2026-11-30&to=2026-11-30&site=east',
    '/api/reports/team-scorecards?from=2026-11-30&to=2026-11-30',
  ]) {
    const report = (await supervisor.get(url)).body as Report;
    for (const [i, row] of report.rows.entries()) {
      for (const [column, query] of Object.entries(report.links[i]!)) {
        if (!query.promiseDueFrom) continue;
        const list = await supervisor.get(`/api/tasks?${new URLSearchParams({ ...query, limit: '200' })}`);
        assert.equal(list.status, 200, JSON.stringify(list.body));
        const counts = await supervisor.get(`/api/tasks/counts?${new URLSearchParams(query)}`);
        assert.equal(counts.body.total, list.body.items.length, `${url} ${row.team} ${column} (counts)`);
        // Each listed task has at least one promise that was counted, and together they hold them all.
        let promises = 0;
        for (const task of list.body.items as Item[]) {
          const detail = (await supervisor.get(`/api/tasks/${task.id}`)).body as { promises: PromiseRow[] };
          const counted = detail.promises.filter(
            (p) =>
              !p.supersededAt &&
              p.dueAt >= query.promiseDueFrom! &&
              p.dueAt < query.promiseDueTo! &&
              (!query.promiseKind || p.kind === query.promiseKind) &&
              (!query.promiseOutcome || outcomeOf(p) === query.promiseOutcome),
          ).length;
          assert.ok(counted >= 1, `${url} ${column}: task ${task.id} has no counted promise`);
          promises += counted;
        }
        assert.equal(promises, Number(row[column]), `${url} ${row.team} ${column}`);
        if (promises > 0) checked++;
      }
    }
  }
  assert.ok(checked >= 4, `promise counts above zero were opened (${checked})`);
  const broken = await supervisor.get('/api/tasks?promiseOutcome=broken&promiseKind=first_contact&limit=200');
  assert.deepEqual(
    (broken.body.items as Item[]).map((t) => t.id).sort(),
    [ids.brokenEarly!, ids.brokenLater!].sort(),
  );
  assert.equal((await supervisor.get('/api/tasks?promiseOutcome=late')).status, 400);
});
