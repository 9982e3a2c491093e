import type { Deps } from '../../deps.ts';
import type { Actor } from '../../http/auth.ts';
import { taskScopeOf } from '../tasks/policy.ts';
import * as repo from './repo.ts';

/**
 * `GET /api/teams`: the teams whose work the actor may see, each with its active members (for the
 * team filter and the assignee picker). Overseers get every team; team workers their own only.
 */
export async function listVisibleTeams(deps: Pick<Deps, 'db'>, actor: Actor) {
  const scope = taskScopeOf(actor);
  if (scope.kind !== 'all' && scope.kind !== 'team') return [];
  const teams = await repo.listTeams(deps.db, scope.kind === 'team' ? scope.teamId : null);
  const members = await repo.listMembers(
    deps.db,
    teams.map((t) => t.id),
  );
  return teams.map((team) => ({
    ...team,
    members: members
      .filter((m) => m.teamId === team.id)
      .map((m) => ({
        id: m.id,
        name: m.name,
        role: m.role,
        presence: m.presence,
        openTasks: Number(m.openTasks),
      })),
  }));
}
