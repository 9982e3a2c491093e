import type { AssignmentStrategy, TeamKind } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { Deps } from '../../deps.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import * as repo from './org-repo.ts';
import { badReference } from './references.ts';

type Db = Deps['db'];
export type TeamInput = {
  name?: string;
  kind?: TeamKind;
  assignmentStrategy?: AssignmentStrategy;
  directAssigneeId?: string | null;
};

async function refuseTakenName(db: Db, name: string | undefined, teamId?: string) {
  if (name === undefined) return;
  const other = await repo.findTeamByName(db, name);
  if (other && other.id !== teamId) {
    throw new AppError('conflict', `a team named ${name} already exists`, { field: 'name' });
  }
}

/**
 * A direct team hands every task to one person, so that person must be an active member (routing
 * leaves the task in the team queue otherwise). A new team has no members: create it, add people,
 * then make it direct.
 */
async function checkDirectAssignee(
  db: Db,
  teamId: string | null,
  strategy: string,
  assigneeId: string | null,
) {
  if (assigneeId) {
    const user = await repo.findUserFacts(db, assigneeId);
    if (!user) throw badReference('directAssigneeId', `${assigneeId} does not exist`);
    if (!user.isActive) throw badReference('directAssigneeId', `${assigneeId} is deactivated`);
    if (user.teamId !== teamId)
      throw badReference('directAssigneeId', `${assigneeId} is not a member of this team`);
  } else if (strategy === 'direct') {
    throw badReference('directAssigneeId', 'the direct strategy needs a direct assignee');
  }
}

export async function listAdminTeams(deps: Pick<Deps, 'db'>) {
  return repo.listTeams(deps.db);
}

export async function createTeam(
  deps: Pick<Deps, 'db'>,
  input: TeamInput & { name: string; kind: TeamKind },
) {
  return inTransaction(deps.db, async (tx) => {
    await refuseTakenName(tx, input.name);
    const strategy = input.assignmentStrategy ?? 'queue';
    await checkDirectAssignee(tx, null, strategy, input.directAssigneeId ?? null);
    const id = await repo.insertTeam(tx, {
      name: input.name,
      kind: input.kind,
      assignment_strategy: strategy,
      direct_assignee_id: input.directAssigneeId ?? null,
    });
    return (await repo.findTeam(tx, id))!;
  });
}

export async function updateTeam(deps: Pick<Deps, 'db'>, id: string, input: TeamInput) {
  return deps.db.transaction().execute(async (tx) => {
    const current = await repo.findTeam(tx, id);
    if (!current) throw notFound('team', id);
    await refuseTakenName(tx, input.name, id);
    const strategy = input.assignmentStrategy ?? current.assignmentStrategy;
    const assignee = input.directAssigneeId === undefined ? current.directAssigneeId : input.directAssigneeId;
    if (input.assignmentStrategy !== undefined || input.directAssigneeId !== undefined) {
      await checkDirectAssignee(tx, id, strategy, assignee);
    }
    await repo.updateTeam(tx, id, {
      name: input.name,
      kind: input.kind,
      assignment_strategy: input.assignmentStrategy,
      direct_assignee_id: input.directAssigneeId,
    });
    return (await repo.findTeam(tx, id))!;
  });
}
