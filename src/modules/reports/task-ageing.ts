import { sql } from 'kysely';
import type { ReportDefinition, TaskQuery } from './report.ts';
import { taskSiteId } from '../tasks/task-site.ts';

/**
 * Open tasks by team and age: a snapshot at the time of asking. The period limits which tasks count
 * by when they were created (so `from` far back gives the whole backlog).
 */
export const taskAgeing: ReportDefinition = {
  name: 'task-ageing',
  title: 'Task ageing',
  description:
    'Tasks not completed now, by team and age bucket (age from creation); the period filters by creation time.',
  columns: [
    { key: 'team', label: 'Team' },
    { key: 'teamKind', label: 'Kind' },
    { key: 'under1h', label: 'Under 1 hour' },
    { key: 'from1hTo4h', label: '1–4 hours' },
    { key: 'from4hTo24h', label: '4–24 hours' },
    { key: 'from1dTo3d', label: '1–3 days' },
    { key: 'over3d', label: 'Over 3 days' },
    { key: 'open', label: 'Open' },
    { key: 'overdue', label: 'Past due' },
    { key: 'unassigned', label: 'Unassigned' },
    { key: 'oldestHours', label: 'Oldest (hours)' },
  ],
  taskLinks(row, { from, to, site, now }) {
    const open: TaskQuery = {
      teamId: String(row.teamId),
      status: 'open',
      createdFrom: from.toISOString(),
      createdTo: to.toISOString(),
      ...(site ? { site } : {}),
    };
    return {
      open,
      overdue: { ...open, dueTo: now.toISOString() },
      unassigned: { ...open, assignee: 'unassigned' },
    };
  },
  async run(db, { from, to, siteId, now }) {
    const age = sql`(${now}::timestamptz - t.created_at)`;
    const result = await sql<Record<string, number | string | null>>`
      SELECT tm.id AS "teamId", tm.name AS team, tm.kind AS "teamKind",
        count(*) FILTER (WHERE ${age} < interval '1 hour')::int AS "under1h",
        count(*) FILTER (WHERE ${age} >= interval '1 hour' AND ${age} < interval '4 hours')::int AS "from1hTo4h",
        count(*) FILTER (WHERE ${age} >= interval '4 hours' AND ${age} < interval '24 hours')::int AS "from4hTo24h",
        count(*) FILTER (WHERE ${age} >= interval '24 hours' AND ${age} < interval '72 hours')::int AS "from1dTo3d",
        count(*) FILTER (WHERE ${age} >= interval '72 hours')::int AS "over3d",
        count(*)::int AS open,
        count(*) FILTER (WHERE t.due_at < ${now}::timestamptz)::int AS overdue,
        count(*) FILTER (WHERE t.assignee_id IS NULL)::int AS unassigned,
        round((extract(epoch FROM max(${age})) / 3600)::numeric, 1) AS "oldestHours"
      FROM tasks t
      JOIN teams tm ON tm.id = t.team_id
      WHERE t.status <> 'completed'
        AND t.created_at >= ${from} AND t.created_at < ${to}
        AND (${siteId}::uuid IS NULL OR ${taskSiteId} = ${siteId}::uuid)
      GROUP BY tm.id, tm.name, tm.kind
      ORDER BY tm.name`.execute(db);
    return result.rows.map((row) => ({
      ...row,
      oldestHours: row.oldestHours === null ? null : Number(row.oldestHours),
    }));
  },
};
