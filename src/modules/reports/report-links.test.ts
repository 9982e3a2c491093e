import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTestContext } from '../../../test/context.ts';
import { demoJobNumbers, openCallBackTask, resolutionReasonId } from '../tasks/test-fixtures.ts';

// Report rows open their tasks: every count of tasks carries the task-list query that lists exactly
// what it counted, and the list (and its counts) agree with the report, with and without a site.
const ctx = await createTestContext({ now: '2026-11-20T15:00:00Z' });
const supervisor = ctx.as('supervisor.east@demo.test');
const jobs = await demoJobNumbers(ctx);

// Work of both sites and teams over two days; one task completed, one reassigned to the queue.
const made: { id: string }[] = [];
for (const [i, email] of ['agent.east@demo.test', 'agent.west@demo.test', 'agent.east@demo.test'].entries()) {
  made.push(await openCallBackTask(ctx, email, jobs[i]!));
  ctx.clock.advance(3 * 3_600_000);
}
ctx.clock.set('2026-11-21T15:00:00Z');
made.push(await openCallBackTask(ctx, 'agent.west@demo.test', jobs[3]!));
await supervisor.post(`/api/tasks/${made[0]!.id}/complete`, {
  resolutionReasonId: await resolutionReasonId(ctx, 'resolved_on_call'),
});
await supervisor.patch(`/api/tasks/${made[2]!.id}`, { assigneeId: null });
ctx.clock.set('2026-11-22T15:00:00Z');

type Report = {
  columns: { key: string }[];
  rows: Record<string, number | string | null>[];
  links: Record<string, Record<string, string>>[];
};

async function checkLinks(url: string) {
  const report = (await supervisor.get(url)).body as Report;
  assert.equal(report.links.length, report.rows.length);
  let checked = 0;
  for (const [i, row] of report.rows.entries()) {
    for (const [column, query] of Object.entries(report.links[i]!)) {
      // A count of promises opens their tasks, fewer when a task has several: list-promises.test.ts.
      if (query.promiseDueFrom) continue;
      const search = new URLSearchParams({ ...query, limit: '200' });
      const list = await supervisor.get(`/api/tasks?${search}`);
      assert.equal(list.status, 200, JSON.stringify(list.body));
      assert.equal(list.body.items.length, row[column], `${url} ${row.team} ${column}: ${search}`);
      const counts = await supervisor.get(`/api/tasks/counts?${new URLSearchParams(query)}`);
      assert.equal(counts.body.total, row[column], `${url} ${row.team} ${column} (counts)`);
      if (Number(row[column]) > 0) checked++;
    }
  }
  return checked;
}

test('team scorecards: created, completed and open now open the tasks they count', async () => {
  const all = await checkLinks('/api/reports/team-scorecards?from=2026-11-19&to=2026-11-22');
  assert.ok(all >= 3, 'some counts above zero were checked');
  await checkLinks('/api/reports/team-scorecards?from=2026-11-19&to=2026-11-22&site=east');
  await checkLinks('/api/reports/team-scorecards?from=2026-11-21&to=2026-11-21&site=west');
});

test('task ageing: open, past due and unassigned open the tasks they count', async () => {
  const all = await checkLinks('/api/reports/task-ageing');
  assert.ok(all >= 2, 'some counts above zero were checked');
  await checkLinks('/api/reports/task-ageing?site=west');
  await checkLinks('/api/reports/task-ageing?from=2026-11-21');
});

test('the task list refuses an unknown site like an unknown job: nothing matches', async () => {
  assert.deepEqual((await supervisor.get('/api/tasks?site=mars')).body.items, []);
});
