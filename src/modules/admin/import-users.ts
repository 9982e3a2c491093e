import type { Role } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import { AppError } from '../../lib/errors.ts';
import { hashPassword } from '../../lib/password.ts';
import { allRoles } from '../../lib/roles.ts';
import { ImportError, parseCsv } from './csv.ts';
import * as repo from './org-repo.ts';
import { insertCheckedUser } from './users.ts';

/**
 * `import-users <file.csv>`: a header row, then one user per row.
 * - `email` (required, unique), `name` (required), `role` (required: agent, supervisor, lead, sme,
 *   callback_agent, tier2, tier3, exec_escalations, purchasing, admin)
 * - `password` (optional, at least 8 characters; empty: the user cannot sign in until one is set)
 * - `site` (a site slug), `team` (a team name), `supervisor` (the email of an existing user or of a
 *   user earlier in the same file)
 */
export const userColumns = {
  required: ['email', 'name', 'role'],
  optional: ['password', 'site', 'team', 'supervisor'],
} as const;

const roles: readonly Role[] = allRoles;
const hashingConcurrency = 4;
const emailPattern = /^[^\s@,]+@[^\s@,]+\.[^\s@,]+$/;

type CheckedRow = {
  line: number;
  email: string;
  name: string;
  role: Role;
  passwordHash: string | null;
  site: string;
  team: string;
  supervisor: string;
};

/** Checks what one row can say about itself, before touching the database. */
async function checkRow(line: number, fields: Record<string, string>): Promise<CheckedRow> {
  const email = fields.email!.toLowerCase();
  if (!emailPattern.test(email)) throw new ImportError(line, `"${fields.email}" is not an email address`);
  if (!fields.name) throw new ImportError(line, 'name is empty');
  if (fields.name.length > 200) throw new ImportError(line, 'name is longer than 200 characters');
  const role = fields.role as Role;
  if (!roles.includes(role))
    throw new ImportError(line, `role "${fields.role}" is not one of ${roles.join(', ')}`);
  const password = fields.password ?? '';
  if (password && password.length < 8) throw new ImportError(line, 'password is shorter than 8 characters');
  return {
    line,
    email,
    name: fields.name,
    role,
    passwordHash: password ? await hashPassword(password) : null,
    site: fields.site ?? '',
    team: fields.team ?? '',
    supervisor: (fields.supervisor ?? '').toLowerCase(),
  };
}

/** Of the rows that failed in parallel, the error of the earliest line. */
function firstByLine(results: PromiseSettledResult<void>[], fallback: unknown): unknown {
  const errors = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
  const lined = errors.filter((e): e is ImportError => e instanceof ImportError);
  return lined.sort((a, b) => a.line - b.line)[0] ?? fallback;
}

/**
 * Imports users from CSV text in one transaction: any bad row aborts the whole file with its line
 * number and reason, and nothing is written. Returns how many users were created.
 */
export async function importUsers(deps: Pick<Deps, 'db'>, text: string): Promise<{ created: number }> {
  const records = parseCsv(text, userColumns);
  // Passwords are hashed first (scrypt is slow on purpose) so the transaction stays short, a few
  // at a time on libuv's thread pool (32 MiB each); the first bad row, in file order, is reported.
  const rows: CheckedRow[] = new Array(records.length);
  let next = 0;
  let hasFailed = false;
  const worker = async () => {
    // Rows are taken in file order, so every row before a failing one is finished or failing too.
    while (next < records.length && !hasFailed) {
      const index = next++;
      const record = records[index]!;
      try {
        rows[index] = await checkRow(record.line, record.fields);
      } catch (error) {
        hasFailed = true;
        throw error;
      }
    }
  };
  const results = await Promise.allSettled(Array.from({ length: hashingConcurrency }, worker));
  const failure = results.find((r) => r.status === 'rejected');
  if (failure) throw firstByLine(results, failure.reason);
  return deps.db.transaction().execute(async (tx) => {
    for (const row of rows) {
      try {
        const site = row.site ? await repo.findSiteBySlug(tx, row.site) : undefined;
        if (row.site && !site) throw new ImportError(row.line, `site "${row.site}" does not exist`);
        const team = row.team ? await repo.findTeamByName(tx, row.team) : undefined;
        if (row.team && !team) throw new ImportError(row.line, `team "${row.team}" does not exist`);
        const supervisor = row.supervisor ? await repo.findUserIdByEmail(tx, row.supervisor) : undefined;
        if (row.supervisor && !supervisor) {
          throw new ImportError(row.line, `supervisor "${row.supervisor}" is not a user (yet)`);
        }
        await insertCheckedUser(tx, {
          email: row.email,
          name: row.name,
          role: row.role,
          passwordHash: row.passwordHash,
          siteId: site?.id ?? null,
          teamId: team?.id ?? null,
          supervisorId: supervisor?.id ?? null,
        });
      } catch (error) {
        if (error instanceof AppError) throw new ImportError(row.line, error.message);
        throw error;
      }
    }
    return { created: rows.length };
  });
}
