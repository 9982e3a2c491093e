import type { TaskType } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { Deps } from '../../deps.ts';
import { notFound } from '../../lib/errors.ts';
import * as people from './org-repo.ts';
import { badReference, requireReference } from './references.ts';
import * as repo from './rules-repo.ts';

type Db = Deps['db'];

/** A rule's fields as the API names them; `null` clears a match, `undefined` leaves it alone. */
export type RuleInput = {
  position?: number;
  taskType?: TaskType | null;
  exceptionTypeId?: string | null;
  matchUserId?: string | null;
  matchSiteId?: string | null;
  matchTeamId?: string | null;
  teamId?: string;
  assigneeId?: string | null;
  isActive?: boolean;
};

/** Every referenced id must exist (422 naming the field); a fixed assignee must be in the team. */
async function checkRule(db: Db, rule: RuleInput, teamId: string) {
  if (rule.teamId) await requireReference(db, 'teams', rule.teamId, 'teamId');
  if (rule.exceptionTypeId)
    await requireReference(db, 'exception_types', rule.exceptionTypeId, 'exceptionTypeId');
  if (rule.matchUserId) await requireReference(db, 'users', rule.matchUserId, 'matchUserId');
  if (rule.matchSiteId) await requireReference(db, 'sites', rule.matchSiteId, 'matchSiteId');
  if (rule.matchTeamId) await requireReference(db, 'teams', rule.matchTeamId, 'matchTeamId');
  if (rule.assigneeId) {
    const assignee = await people.findUserFacts(db, rule.assigneeId);
    if (!assignee) throw badReference('assigneeId', `${rule.assigneeId} does not exist`);
    if (!assignee.isActive) throw badReference('assigneeId', `${rule.assigneeId} is deactivated`);
    if (assignee.teamId !== teamId) {
      throw badReference('assigneeId', `${rule.assigneeId} is not a member of the rule's team`);
    }
  }
}

function columns(rule: RuleInput): repo.RuleColumns {
  return {
    position: rule.position,
    task_type: rule.taskType,
    exception_type_id: rule.exceptionTypeId,
    match_user_id: rule.matchUserId,
    match_site_id: rule.matchSiteId,
    match_team_id: rule.matchTeamId,
    team_id: rule.teamId,
    assignee_id: rule.assigneeId,
    is_active: rule.isActive,
  };
}

export async function listRoutingRules(deps: Pick<Deps, 'db'>) {
  return repo.listRules(deps.db);
}

/** Writes a new rule in the caller's transaction (the API and the CSV import share this). */
export async function insertCheckedRule(db: Db, rule: RuleInput & { teamId: string }) {
  await checkRule(db, rule, rule.teamId);
  const position = rule.position ?? (await repo.nextRulePosition(db));
  return repo.insertRule(db, { ...columns(rule), position, team_id: rule.teamId });
}

export async function createRoutingRule(deps: Pick<Deps, 'db'>, input: RuleInput & { teamId: string }) {
  return inTransaction(deps.db, async (tx) => {
    const id = await insertCheckedRule(tx, input);
    return (await repo.findRule(tx, id))!;
  });
}

export async function updateRoutingRule(deps: Pick<Deps, 'db'>, id: string, input: RuleInput) {
  return deps.db.transaction().execute(async (tx) => {
    const current = await repo.findRule(tx, id);
    if (!current) throw notFound('routing rule', id);
    const teamId = input.teamId ?? current.teamId;
    const assigneeId = input.assigneeId === undefined ? current.assigneeId : input.assigneeId;
    await checkRule(tx, { ...input, assigneeId }, teamId);
    await repo.updateRule(tx, id, columns(input));
    return (await repo.findRule(tx, id))!;
  });
}
