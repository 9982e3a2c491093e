import type { Role } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../../http/auth.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import * as repo from './repo.ts';

export type RuleInput = { claimValue: string; role: Role; siteSlug?: string | null; teamId?: string | null };

function ruleView(row: repo.RuleRow) {
  return {
    id: row.id,
    position: row.position,
    claimValue: row.claimValue,
    role: row.role,
    siteSlug: row.siteSlug,
    teamId: row.teamId,
    createdAt: row.createdAt,
  };
}

/** The rules in the order they are tried. */
export async function listSsoRules(deps: Deps, _actor: Actor) {
  return (await repo.listRules(deps.db)).map(ruleView);
}

/** Adds a rule at the end of the list (the first matching rule wins). */
export async function addSsoRule(deps: Deps, _actor: Actor, input: RuleInput) {
  const site = input.siteSlug ? await repo.findSiteIdBySlug(deps.db, input.siteSlug) : undefined;
  if (input.siteSlug && !site) {
    throw new AppError('unprocessable', `no site has the slug ${input.siteSlug}`, { field: 'siteSlug' });
  }
  if (input.teamId && !(await repo.findTeam(deps.db, input.teamId))) {
    throw new AppError('unprocessable', `team ${input.teamId} does not exist`, { field: 'teamId' });
  }
  const id = await repo.insertRule(deps.db, {
    claimValue: input.claimValue,
    role: input.role,
    siteId: site?.id ?? null,
    teamId: input.teamId ?? null,
    now: deps.clock.now(),
  });
  return ruleView((await repo.listRules(deps.db)).find((rule) => rule.id === id)!);
}

export async function removeSsoRule(deps: Deps, _actor: Actor, id: string) {
  if (!(await repo.deleteRule(deps.db, id))) throw notFound('sso rule', id);
}

/** The first rule (in list order) whose value the person's claim holds, if any. */
export function matchRule<R extends { claimValue: string }>(
  rules: R[],
  claimValues: string[],
): R | undefined {
  const held = new Set(claimValues);
  return rules.find((rule) => held.has(rule.claimValue));
}
