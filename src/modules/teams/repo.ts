import type { Db } from '../../db/client.ts';

export function listTeams(db: Db, onlyTeamId: string | null) {
  let query = db
    .selectFrom('teams')
    .select(['id', 'name', 'kind', 'assignment_strategy as assignmentStrategy'])
    .orderBy('name');
  if (onlyTeamId) query = query.where('id', '=', onlyTeamId);
  return query.execute();
}

/** Active members of the given teams with their open task counts, in one query. */
export function listMembers(db: Db, teamIds: string[]) {
  if (teamIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('users as u')
    .leftJoin('tasks as t', (join) =>
      join.onRef('t.assignee_id', '=', 'u.id').on('t.status', '<>', 'completed'),
    )
    .select((eb) => [
      'u.id',
      'u.name',
      'u.team_id as teamId',
      'u.presence',
      'u.role',
      eb.fn.count<number>('t.id').as('openTasks'),
    ])
    .where('u.team_id', 'in', teamIds)
    .where('u.is_active', '=', true)
    .groupBy(['u.id', 'u.name', 'u.team_id', 'u.presence', 'u.role'])
    .orderBy('u.name')
    .execute();
}
