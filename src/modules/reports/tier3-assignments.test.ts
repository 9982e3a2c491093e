import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTestContext } from '../../../test/context.ts';
import { testAgainstUniform } from '../../lib/chi-square.ts';
import { describeFairness } from './tier3-assignments.ts';

const ctx = await createTestContext({ now: '2026-11-20T15:00:00Z' });
const supervisor = ctx.as('supervisor.east@demo.test');
const tier2 = ctx.as('tier2@demo.test');

type ReportRow = Record<string, string | number | null>;

async function userId(email: string) {
  return (await ctx.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow())
    .id;
}

/** Opens Tier 3 tasks (tier2 is at site east) and hands them to one associate. */
async function assignTier3Tasks(count: number, email: string) {
  const assignee = await userId(email);
  for (let i = 0; i < count; i++) {
    const response = await tier2.post('/api/tasks', {
      type: 'tier3',
      jobNumber: 'J-100100',
      details: 'Research',
    });
    assert.equal(response.status, 201, JSON.stringify(response.body));
    await ctx.db
      .updateTable('tasks')
      .set({ assignee_id: assignee })
      .where('id', '=', response.body.id)
      .execute();
  }
}

/** November up to and including the fake clock's day (tasks are created at the clock's time). */
async function report(query = '?from=2026-11-01&to=2026-11-20') {
  const response = await supervisor.get(`/api/reports/tier3-assignments${query}`);
  assert.equal(response.status, 200, JSON.stringify(response.body));
  const rows = response.body.rows as ReportRow[];
  return { rows, summary: rows.at(-1)!, byName: new Map(rows.map((r) => [r.associate, r])) };
}

test('the verdict reads the test in plain words', () => {
  assert.equal(describeFairness(null, 1), 'not enough associates to compare');
  assert.equal(describeFairness(null, 3), 'no Tier 3 assignments in the period');
  assert.equal(
    describeFairness(testAgainstUniform([30, 29, 31]), 3),
    'consistent with even assignment (p = 0.967)',
  );
  assert.equal(describeFairness(testAgainstUniform([40, 10]), 2), 'uneven, p < 0.001');
  assert.equal(
    describeFairness(testAgainstUniform([30, 18]), 2),
    'consistent with even assignment (p = 0.083)',
  );
  assert.equal(
    describeFairness(testAgainstUniform([5, 0]), 2),
    'uneven, p = 0.025 (few assignments: read with care)',
  );
});

test('with no Tier 3 work every associate shows zero and nothing is tested', async () => {
  const { rows, summary } = await report();
  assert.deepEqual(
    rows.slice(0, -1).map((r) => [r.associate, r.assignments]),
    [
      ['Emery Cole', 0],
      ['Rowan Blake', 0],
    ],
  );
  assert.equal(summary.associate, 'All associates');
  assert.equal(summary.verdict, 'no Tier 3 assignments in the period');
  assert.equal(summary.pValue, null);
});

test('assignments per associate against an even spread, with the chi-square test and its verdict', async () => {
  await assignTier3Tasks(5, 'tier3@demo.test');
  await assignTier3Tasks(1, 'tier3.b@demo.test');
  const mild = await report();
  assert.deepEqual(
    [mild.byName.get('Rowan Blake')!.assignments, mild.byName.get('Emery Cole')!.assignments],
    [5, 1],
  );
  assert.equal(mild.byName.get('Rowan Blake')!.expected, 3);
  // (5-3)²/3 + (1-3)²/3 = 8/3 with one degree of freedom: p = erfc(√(4/3)) ≈ 0.1025.
  assert.equal(mild.summary.chiSquare, 2.667);
  assert.equal(mild.summary.degreesOfFreedom, 1);
  assert.equal(mild.summary.pValue, 0.102);
  assert.equal(mild.summary.assignments, 6);
  assert.match(String(mild.summary.verdict), /^consistent with even assignment \(p = 0\.102\)/);

  await assignTier3Tasks(14, 'tier3@demo.test');
  const skewed = await report();
  assert.equal(skewed.byName.get('Rowan Blake')!.assignments, 19);
  assert.equal(skewed.byName.get('Emery Cole')!.expected, 10);
  assert.equal(skewed.summary.verdict, 'uneven, p < 0.001');

  // The work came from an east user: the west desk's view has none of it.
  const west = await report('?from=2026-11-01&to=2026-11-20&site=west');
  assert.equal(west.summary.assignments, 0);
  assert.equal(west.summary.verdict, 'no Tier 3 assignments in the period');
  // Outside the period nothing counts.
  const before = await report('?from=2026-01-01&to=2026-01-31');
  assert.equal(before.summary.assignments, 0);
});

test('as CSV, and only for those who read reports', async () => {
  const csv = await supervisor.get('/api/reports/tier3-assignments.csv?to=2026-11-20');
  assert.equal(csv.status, 200);
  assert.match(String(csv.headers['content-type']), /text\/csv/);
  const lines = String(csv.body).trimEnd().split('\r\n');
  assert.equal(lines[0], 'associate,assignments,expected,chiSquare,degreesOfFreedom,pValue,verdict');
  assert.ok(lines.at(-1)!.startsWith('All associates,'), lines.join('\n'));
  for (const email of ['tier3@demo.test', 'agent.east@demo.test', 'cb.bpo@demo.test']) {
    assert.equal((await ctx.as(email).get('/api/reports/tier3-assignments')).status, 403, email);
  }
});
