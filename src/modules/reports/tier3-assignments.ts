import { sql } from 'kysely';
import { testAgainstUniform, type UniformTest } from '../../lib/chi-square.ts';
import { type ReportDefinition, type Row, rounded } from './report.ts';
import { taskSiteId } from '../tasks/task-site.ts';

/** Below this p-value the spread is called uneven (the usual 5 % level). */
const significance = 0.05;
/** Pearson's test is rough when fewer than this many assignments are expected per associate. */
const fewExpected = 5;

function formatP(p: number): string {
  return p < 0.001 ? '< 0.001' : p.toFixed(3);
}

/** The plain-words reading of the test, for people who do not read p-values. */
export function describeFairness(result: UniformTest | null, associates: number): string {
  if (associates < 2) return 'not enough associates to compare';
  if (!result) return 'no Tier 3 assignments in the period';
  const caution = result.expected < fewExpected ? ' (few assignments: read with care)' : '';
  return result.pValue < significance
    ? `uneven, p ${result.pValue < 0.001 ? '' : '= '}${formatP(result.pValue)}${caution}`
    : `consistent with even assignment (p = ${formatP(result.pValue)})${caution}`;
}

/**
 * Tier 3 tasks are assigned at random; this shows whether the spread over associates looks random
 * and even: the count per associate against the count an even spread would give, and Pearson's
 * chi-square test of the counts against the uniform distribution, in a last summary row.
 */
export const tier3Assignments: ReportDefinition = {
  name: 'tier3-assignments',
  title: 'Tier 3 assignments per associate',
  description:
    'Tier 3 assignments per associate over the period (tasks created then, by who holds each now), the count an even spread would give, and a chi-square test against even assignment.',
  columns: [
    { key: 'associate', label: 'Associate' },
    { key: 'assignments', label: 'Assignments' },
    { key: 'expected', label: 'Expected if even' },
    { key: 'chiSquare', label: 'Chi-square' },
    { key: 'degreesOfFreedom', label: 'Degrees of freedom' },
    { key: 'pValue', label: 'p-value' },
    { key: 'verdict', label: 'Verdict' },
  ],
  async run(db, { from, to, siteId }) {
    // Every active Tier 3 associate counts, with none assigned too (an associate never picked is
    // the unfairness to see), and so does anyone who holds a task of the period but has moved on.
    const result = await sql<{ associate: string; assignments: number }>`
      WITH assigned AS (
        SELECT t.assignee_id AS id, count(*)::int AS n
        FROM tasks t
        WHERE t.type = 'tier3' AND t.assignee_id IS NOT NULL
          AND t.created_at >= ${from} AND t.created_at < ${to}
          AND (${siteId}::uuid IS NULL OR ${taskSiteId} = ${siteId}::uuid)
        GROUP BY t.assignee_id)
      SELECT u.name AS associate, COALESCE(a.n, 0) AS assignments
      FROM users u
      LEFT JOIN assigned a ON a.id = u.id
      WHERE (u.role = 'tier3' AND u.is_active) OR a.id IS NOT NULL
      ORDER BY u.name, u.id`.execute(db);
    const counts = result.rows.map((row) => Number(row.assignments));
    const test = testAgainstUniform(counts);
    const expected = counts.length ? counts.reduce((sum, n) => sum + n, 0) / counts.length : null;
    const rows: Row[] = result.rows.map((row) => ({
      associate: row.associate,
      assignments: Number(row.assignments),
      expected: rounded(expected, 2),
    }));
    rows.push({
      associate: 'All associates',
      assignments: test?.total ?? counts.reduce((sum, n) => sum + n, 0),
      expected: null,
      chiSquare: test ? rounded(test.statistic, 3) : null,
      degreesOfFreedom: test?.degreesOfFreedom ?? null,
      pValue: test ? Number(test.pValue.toPrecision(3)) : null,
      verdict: describeFairness(test, counts.length),
    });
    return rows;
  },
};
