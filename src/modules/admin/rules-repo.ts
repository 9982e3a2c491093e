import type { Db } from '../../db/client.ts';
import type { TaskType } from '../../db/schema.ts';

function selectRules(db: Db) {
  return (
    db
      .selectFrom('routing_rules as r')
      .innerJoin('teams as t', 't.id', 'r.team_id')
      // Names beside ids, so people read a rule without looking ids up.
      .leftJoin('exception_types as et', 'et.id', 'r.exception_type_id')
      .leftJoin('users as mu', 'mu.id', 'r.match_user_id')
      .leftJoin('sites as ms', 'ms.id', 'r.match_site_id')
      .leftJoin('teams as mt', 'mt.id', 'r.match_team_id')
      .leftJoin('users as a', 'a.id', 'r.assignee_id')
      .select([
        'r.id',
        'r.position',
        'r.task_type as taskType',
        'r.exception_type_id as exceptionTypeId',
        'et.label as exceptionTypeLabel',
        'r.match_user_id as matchUserId',
        'mu.name as matchUserName',
        'r.match_site_id as matchSiteId',
        'ms.name as matchSiteName',
        'r.match_team_id as matchTeamId',
        'mt.name as matchTeamName',
        'r.team_id as teamId',
        't.name as teamName',
        'r.assignee_id as assigneeId',
        'a.name as assigneeName',
        'r.is_active as isActive',
      ])
  );
}

/** Rules in the order they are tried: by position, then age. */
export function listRules(db: Db) {
  return selectRules(db).orderBy('r.position').orderBy('r.created_at').orderBy('r.id').execute();
}

export function findRule(db: Db, id: string) {
  return selectRules(db).where('r.id', '=', id).executeTakeFirst();
}

export type RuleColumns = {
  position?: number;
  task_type?: TaskType | null;
  exception_type_id?: string | null;
  match_user_id?: string | null;
  match_site_id?: string | null;
  match_team_id?: string | null;
  team_id?: string;
  assignee_id?: string | null;
  is_active?: boolean;
};

export async function nextRulePosition(db: Db) {
  const row = await db
    .selectFrom('routing_rules')
    .select((eb) => eb.fn.max<number | null>('position').as('top'))
    .executeTakeFirst();
  return (row?.top ?? 0) + 10;
}

export async function insertRule(db: Db, row: RuleColumns & { position: number; team_id: string }) {
  const { id } = await db.insertInto('routing_rules').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function updateRule(db: Db, id: string, patch: RuleColumns) {
  const result = await db.updateTable('routing_rules').set(patch).where('id', '=', id).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
