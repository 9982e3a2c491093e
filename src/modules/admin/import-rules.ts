import type { TaskType } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import { AppError } from '../../lib/errors.ts';
import { ImportError, parseCsv } from './csv.ts';
import * as lists from './lists-repo.ts';
import * as repo from './org-repo.ts';
import { insertCheckedRule } from './routing-rules.ts';

/**
 * `import-rules <file.csv>`: a header row, then one routing rule per row, appended to the rules.
 * - `team` (required: the team name tasks go to)
 * - `position` (optional integer; lower is tried first; empty: after the last rule)
 * - `task_type` (callback, tier2_record, tier3, executive_case, purchasing), `exception_type` (code)
 * - `match_user` (email), `match_site` (slug), `match_team` (team name): empty matches anyone
 * - `assignee` (email of a member of `team` who gets every task)
 */
export const ruleColumns = {
  required: ['team'],
  optional: ['position', 'task_type', 'exception_type', 'match_user', 'match_site', 'match_team', 'assignee'],
} as const;

const taskTypes: readonly TaskType[] = ['callback', 'tier2_record', 'tier3', 'executive_case', 'purchasing'];

type Db = Deps['db'];
type Fields = Record<string, string>;

async function resolveRow(db: Db, line: number, f: Fields) {
  const fail = (message: string): never => {
    throw new ImportError(line, message);
  };
  if (f.position && !/^\d{1,7}$/.test(f.position)) fail(`position "${f.position}" is not a whole number`);
  if (f.task_type && !taskTypes.includes(f.task_type as TaskType)) {
    fail(`task_type "${f.task_type}" is not one of ${taskTypes.join(', ')}`);
  }
  const team = (await repo.findTeamByName(db, f.team!)) ?? fail(`team "${f.team}" does not exist`);
  const userByEmail = async (column: string) => {
    const email = f[column];
    if (!email) return null;
    const user = await repo.findUserIdByEmail(db, email);
    return user?.id ?? fail(`${column} "${email}" is not a user`);
  };
  let exceptionTypeId: string | null = null;
  if (f.exception_type) {
    const types = await lists.listCoded(db, 'exception_types');
    exceptionTypeId =
      types.find((t) => t.code === f.exception_type)?.id ??
      fail(`exception_type "${f.exception_type}" does not exist`);
  }
  const site = f.match_site
    ? ((await repo.findSiteBySlug(db, f.match_site)) ?? fail(`match_site "${f.match_site}" does not exist`))
    : null;
  const matchTeam = f.match_team
    ? ((await repo.findTeamByName(db, f.match_team)) ?? fail(`match_team "${f.match_team}" does not exist`))
    : null;
  return {
    position: f.position ? Number(f.position) : undefined,
    taskType: (f.task_type || null) as TaskType | null,
    exceptionTypeId,
    matchUserId: await userByEmail('match_user'),
    matchSiteId: site?.id ?? null,
    matchTeamId: matchTeam?.id ?? null,
    teamId: team.id,
    assigneeId: await userByEmail('assignee'),
  };
}

/**
 * Imports routing rules from CSV text in one transaction: any bad row aborts the whole file with
 * its line number and reason, and nothing is written. Returns how many rules were created.
 */
export async function importRules(deps: Pick<Deps, 'db'>, text: string): Promise<{ created: number }> {
  const records = parseCsv(text, ruleColumns);
  return deps.db.transaction().execute(async (tx) => {
    for (const record of records) {
      try {
        await insertCheckedRule(tx, await resolveRow(tx, record.line, record.fields));
      } catch (error) {
        if (error instanceof AppError) throw new ImportError(record.line, error.message);
        throw error;
      }
    }
    return { created: records.length };
  });
}
