import { sql } from 'kysely';
import { percent, type ReportDefinition, rounded, type TaskQuery } from './report.ts';
import { taskSiteId } from '../tasks/task-site.ts';

/** One line per team: work in and out over the period, speed, due dates met and promises kept. */
export const teamScorecards: ReportDefinition = {
  name: 'team-scorecards',
  title: 'Team scorecards',
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
  taskLinks(row, { from, to, site }) {
    const base: TaskQuery = { teamId: String(row.teamId), ...(site ? { site } : {}) };
    const promisesDue = { promiseDueFrom: from.toISOString(), promiseDueTo: to.toISOString() };
    return {
      created: { ...base, createdFrom: from.toISOString(), createdTo: to.toISOString() },
      completed: {
        ...base,
        status: 'completed',
        completedFrom: from.toISOString(),
        completedTo: to.toISOString(),
      },
      openNow: { ...base, status: 'open' },
      promisesKept: { ...base, ...promisesDue, promiseOutcome: 'kept' },
      promisesBroken: { ...base, ...promisesDue, promiseOutcome: 'broken' },
    };
  },
  async run(db, { from, to, siteId }) {
    const inSite = sql`(${siteId}::uuid IS NULL OR ${taskSiteId} = ${siteId}::uuid)`;
    // One pass per measure, grouped by team, then joined: linear in tasks, not teams × tasks.
    const result = await sql<Record<string, number | string | null>>`
      WITH scoped AS (SELECT t.* FROM tasks t WHERE ${inSite}),
      made AS (
        SELECT team_id, count(*)::int AS created FROM scoped
        WHERE created_at >= ${from} AND created_at < ${to} GROUP BY team_id),
      done AS (
        SELECT team_id, count(*)::int AS completed,
          count(*) FILTER (WHERE due_at IS NULL OR completed_at <= due_at)::int AS "onTime",
          avg(extract(epoch FROM (completed_at - created_at)) / 3600) AS "averageHours"
        FROM scoped WHERE completed_at >= ${from} AND completed_at < ${to} GROUP BY team_id),
      backlog AS (
        SELECT team_id, count(*)::int AS "openNow" FROM scoped WHERE status <> 'completed' GROUP BY team_id),
      prom AS (
        SELECT t.team_id, count(p.kept_at)::int AS kept,
          count(*) FILTER (WHERE p.kept_at IS NULL AND p.broken_at IS NOT NULL)::int AS broken
        FROM task_promises p JOIN scoped t ON t.id = p.task_id
        WHERE p.superseded_at IS NULL AND p.due_at >= ${from} AND p.due_at < ${to}
        GROUP BY t.team_id),
      calls AS (
        SELECT t.team_id, count(*)::int AS attempts
        FROM call_attempts ca JOIN scoped t ON t.id = ca.task_id
        WHERE ca.at >= ${from} AND ca.at < ${to} GROUP BY t.team_id)
      SELECT tm.id AS "teamId", tm.name AS team, tm.kind AS "teamKind",
        COALESCE(made.created, 0) AS created, COALESCE(done.completed, 0) AS completed,
        COALESCE(done."onTime", 0) AS "onTime", done."averageHours",
        COALESCE(backlog."openNow", 0) AS "openNow",
        COALESCE(prom.kept, 0) AS "promisesKept", COALESCE(prom.broken, 0) AS "promisesBroken",
        COALESCE(calls.attempts, 0) AS "callAttempts"
      FROM teams tm
      LEFT JOIN made ON made.team_id = tm.id
      LEFT JOIN done ON done.team_id = tm.id
      LEFT JOIN backlog ON backlog.team_id = tm.id
      LEFT JOIN prom ON prom.team_id = tm.id
      LEFT JOIN calls ON calls.team_id = tm.id
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
