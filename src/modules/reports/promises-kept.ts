import { sql } from 'kysely';
import { percent, type ReportDefinition, type TaskQuery } from './report.ts';
import { taskSiteId } from '../tasks/task-site.ts';

/** Whether the contact promises made to customers were kept, by callback team and kind of promise. */
export const promisesKept: ReportDefinition = {
  name: 'promises-kept',
  title: 'Promises kept',
  description:
    'Contact promises due in the period (first contact, retry, reschedule email), by team and kind: kept, broken, still open. Promises replaced by a rebooking are left out.',
  columns: [
    { key: 'team', label: 'Team' },
    { key: 'kind', label: 'Promise' },
    { key: 'due', label: 'Due' },
    { key: 'kept', label: 'Kept' },
    { key: 'broken', label: 'Broken' },
    { key: 'open', label: 'Not yet decided' },
    { key: 'keptPercent', label: 'Kept (% of decided)' },
  ],
  taskLinks(row, { from, to, site }) {
    const promise: TaskQuery = {
      teamId: String(row.teamId),
      promiseKind: String(row.kind),
      promiseDueFrom: from.toISOString(),
      promiseDueTo: to.toISOString(),
      ...(site ? { site } : {}),
    };
    return {
      due: promise,
      kept: { ...promise, promiseOutcome: 'kept' },
      broken: { ...promise, promiseOutcome: 'broken' },
      open: { ...promise, promiseOutcome: 'open' },
    };
  },
  async run(db, { from, to, siteId }) {
    const result = await sql<{
      teamId: string;
      team: string;
      kind: string;
      due: number;
      kept: number;
      broken: number;
      open: number;
    }>`
      SELECT tm.id AS "teamId", tm.name AS team, p.kind,
        count(*)::int AS due,
        count(p.kept_at)::int AS kept,
        count(*) FILTER (WHERE p.kept_at IS NULL AND p.broken_at IS NOT NULL)::int AS broken,
        count(*) FILTER (WHERE p.kept_at IS NULL AND p.broken_at IS NULL)::int AS open
      FROM task_promises p
      JOIN tasks t ON t.id = p.task_id
      JOIN teams tm ON tm.id = t.team_id
      WHERE p.superseded_at IS NULL
        AND p.due_at >= ${from} AND p.due_at < ${to}
        AND (${siteId}::uuid IS NULL OR ${taskSiteId} = ${siteId}::uuid)
      GROUP BY tm.id, tm.name, p.kind
      ORDER BY tm.name, CASE p.kind WHEN 'first_contact' THEN 1 WHEN 'retry' THEN 2 ELSE 3 END`.execute(db);
    return result.rows.map((row) => ({ ...row, keptPercent: percent(row.kept, row.kept + row.broken) }));
  },
};
