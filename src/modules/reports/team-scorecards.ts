import { sql } from 'kysely';
import { percent, type ReportDefinition, rounded } from './report.ts';
import { taskSiteId } from './task-site.ts';

/** One line per team: work in and out over the period, speed, due dates met and promises kept. */
export const teamScorecards: ReportDefinition = {
  name: 'team-scorecards',
  description:
    'Per team over the period: tasks created and completed, completion time, completed by the due time, open now, promises kept and broken, call attempts.',
  columns: [
    { key: 'team', label: 'Team' },
    { key: 'teamKind', label: 'Kind' },
    { key: 'created', label: 'Tasks created' },
    { key: 'completed', label: 'Tasks completed' },
    { key: 'averageHoursToComplete', label: 'Average hours to complete' },
    { key: 'completedOnTimePercent', label: 'Completed by the due time (%)' },
    { key: 'openNow', label: 'Open now' },
    { key: 'promisesKept', label: 'Promises kept' },
    { key: 'promisesBroken', label: 'Promises broken' },
    { key: 'promisesKeptPercent', label: 'Promises kept (%)' },
    { key: 'callAttempts', label: 'Call attempts' },
  ],
  async run(db, { from, to, siteId }) {
    const inSite = sql`(${siteId}::uuid IS NULL OR ${taskSiteId} = ${siteId}::uuid)`;
    const result = await sql<Record<string, number | string | null>>`
      WITH scoped AS (SELECT t.* FROM tasks t WHERE ${inSite})
      SELECT tm.name AS team, tm.kind AS "teamKind",
        (SELECT count(*)::int FROM scoped t WHERE t.team_id = tm.id
           AND t.created_at >= ${from} AND t.created_at < ${to}) AS created,
        done.completed, done."onTime", done."averageHours",
        (SELECT count(*)::int FROM scoped t WHERE t.team_id = tm.id AND t.status <> 'completed') AS "openNow",
        prom.kept AS "promisesKept", prom.broken AS "promisesBroken",
        (SELECT count(*)::int FROM call_attempts ca JOIN scoped t ON t.id = ca.task_id
           WHERE t.team_id = tm.id AND ca.at >= ${from} AND ca.at < ${to}) AS "callAttempts"
      FROM teams tm
      CROSS JOIN LATERAL (
        SELECT count(*)::int AS completed,
          count(*) FILTER (WHERE t.due_at IS NULL OR t.completed_at <= t.due_at)::int AS "onTime",
          avg(extract(epoch FROM (t.completed_at - t.created_at)) / 3600) AS "averageHours"
        FROM scoped t
        WHERE t.team_id = tm.id AND t.completed_at >= ${from} AND t.completed_at < ${to}
      ) done
      CROSS JOIN LATERAL (
        SELECT count(p.kept_at)::int AS kept,
          count(*) FILTER (WHERE p.kept_at IS NULL AND p.broken_at IS NOT NULL)::int AS broken
        FROM task_promises p JOIN scoped t ON t.id = p.task_id
        WHERE t.team_id = tm.id AND p.superseded_at IS NULL AND p.due_at >= ${from} AND p.due_at < ${to}
      ) prom
      ORDER BY tm.name`.execute(db);
    return result.rows.map(({ onTime, averageHours, ...row }) => ({
      ...row,
      averageHoursToComplete: rounded(averageHours),
      completedOnTimePercent: percent(Number(onTime), Number(row.completed)),
      promisesKeptPercent: percent(
        Number(row.promisesKept),
        Number(row.promisesKept) + Number(row.promisesBroken),
      ),
    }));
  },
};
