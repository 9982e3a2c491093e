import { sql } from 'kysely';
import type { Db } from '../../db/client.ts';
import type { AssignmentStrategy, Presence, TeamKind } from '../../db/schema.ts';
import type { RoutingRule } from './rules.ts';

/**
 * The active rules in order, as one JSON column (`routing_rules`) for a select list: routing reads
 * it alone, and booking in its own first statement.
 */
export function activeRulesColumn() {
  return sql`(
    SELECT coalesce(json_agg(json_build_object('id', r.id, 'position', r.position, 'isActive', r.is_active,
        'taskType', r.task_type, 'exceptionTypeId', r.exception_type_id, 'matchUserId', r.match_user_id,
        'matchSiteId', r.match_site_id, 'matchTeamId', r.match_team_id, 'teamId', r.team_id,
        'assigneeId', r.assignee_id) ORDER BY r.position, r.id), '[]'::json)
    FROM routing_rules r WHERE r.is_active) AS routing_rules`;
}

export async function listActiveRules(db: Db): Promise<RoutingRule[]> {
  const result = await sql<{ routing_rules: RoutingRule[] }>`SELECT ${activeRulesColumn()}`.execute(db);
  return result.rows[0]?.routing_rules ?? [];
}

export async function findSetting(db: Db, key: string): Promise<unknown> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value;
}

export type LockedTeam = {
  id: string;
  name: string;
  kind: TeamKind;
  strategy: AssignmentStrategy;
  directAssigneeId: string | null;
  lastAssignedUserId: string | null;
  /** Active members. */
  members: { id: string; name: string; presence: Presence }[];
};

/**
 * The team row with its active members, in one round trip, the team locked until the transaction
 * ends: assignments in one team happen one at a time, so concurrent creations see each other's
 * `last_assigned_user_id` (the locked row is read as it is once the lock is ours).
 */
export async function lockTeamWithMembers(db: Db, teamId: string): Promise<LockedTeam | undefined> {
  const result = await sql<LockedTeam>`
    SELECT t.id, t.name, t.kind, t.assignment_strategy AS strategy,
      t.direct_assignee_id AS "directAssigneeId", t.last_assigned_user_id AS "lastAssignedUserId",
      coalesce((
        SELECT json_agg(json_build_object('id', u.id, 'name', u.name, 'presence', u.presence))
        FROM users u WHERE u.team_id = t.id AND u.is_active
      ), '[]'::json) AS members
    FROM teams t
    WHERE t.id = ${teamId}
    FOR UPDATE OF t`.execute(db);
  return result.rows[0];
}

/**
 * Open (not completed) tasks per user, all of them whoever routes: the SQL function
 * `open_task_counts` (migration 0009) reads them as the owner, past row security, because an
 * agent's booking routes to a team whose tasks the agent cannot see. Read in its own statement
 * after the team is locked: a statement that waited for the lock still sees the tasks as they
 * were when it began, which would miss the task the previous holder of the lock just created.
 */
export async function countOpenTasks(db: Db, userIds: string[]): Promise<Map<string, number>> {
  if (!userIds.length) return new Map();
  const result = await sql<{ assignee_id: string; open: number }>`
    SELECT assignee_id, open FROM open_task_counts(${userIds}::uuid[])`.execute(db);
  return new Map(result.rows.map((row) => [row.assignee_id, Number(row.open)]));
}

/** Records who the team assigned last (the team row is locked by `lockTeamWithMembers`). */
export async function recordAssignment(db: Db, teamId: string, userId: string) {
  await db.updateTable('teams').set({ last_assigned_user_id: userId }).where('id', '=', teamId).execute();
}
