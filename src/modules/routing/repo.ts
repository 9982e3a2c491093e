import type { Db } from '../../db/client.ts';
import type { RoutingRule } from './rules.ts';

export function listActiveRules(db: Db): Promise<RoutingRule[]> {
  return db
    .selectFrom('routing_rules')
    .select([
      'id',
      'position',
      'is_active as isActive',
      'task_type as taskType',
      'exception_type_id as exceptionTypeId',
      'match_user_id as matchUserId',
      'match_site_id as matchSiteId',
      'match_team_id as matchTeamId',
      'team_id as teamId',
      'assignee_id as assigneeId',
    ])
    .where('is_active', '=', true)
    .orderBy('position')
    .orderBy('id')
    .execute();
}

export async function findSetting(db: Db, key: string): Promise<unknown> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value;
}

/**
 * The team row, locked until the transaction ends: assignments in one team happen one at a time,
 * so concurrent creations see each other's `last_assigned_user_id` and open-task counts.
 */
export function lockTeam(db: Db, teamId: string) {
  return db
    .selectFrom('teams')
    .select([
      'id',
      'name',
      'kind',
      'assignment_strategy as strategy',
      'direct_assignee_id as directAssigneeId',
      'last_assigned_user_id as lastAssignedUserId',
    ])
    .where('id', '=', teamId)
    .forUpdate()
    .executeTakeFirst();
}

/** Active members with their open (not completed) task counts, in one query. */
export function listCandidates(db: Db, teamId: string) {
  return db
    .selectFrom('users as u')
    .leftJoin('tasks as t', (join) =>
      join.onRef('t.assignee_id', '=', 'u.id').on('t.status', '<>', 'completed'),
    )
    .select((eb) => ['u.id', 'u.name', 'u.presence', eb.fn.count<number>('t.id').as('openTasks')])
    .where('u.team_id', '=', teamId)
    .where('u.is_active', '=', true)
    .groupBy(['u.id', 'u.name', 'u.presence'])
    .execute();
}

export async function recordAssignment(db: Db, teamId: string, userId: string) {
  await db.updateTable('teams').set({ last_assigned_user_id: userId }).where('id', '=', teamId).execute();
}
