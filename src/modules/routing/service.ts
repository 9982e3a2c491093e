import type { Db } from '../../db/client.ts';
import type { TaskType, TeamKind } from '../../db/schema.ts';
import { AppError } from '../../lib/errors.ts';
import * as repo from './repo.ts';
import { findMatchingRule, pickAssignee, type RoutingRule, type RoutingSubject } from './rules.ts';

export type { RoutingRule, RoutingSubject };

/** Settings key naming the team that takes work no rule matches. */
export const defaultTeamSetting = 'routing.default_team_id';

export type RouteDecision = {
  team: { id: string; name: string; kind: TeamKind };
  assigneeId: string | null;
  assigneeName: string | null;
  /** The rule that matched, or null when the default team took it. */
  ruleId: string | null;
  strategy: string;
};

/** The active routing rules in order (a caller that routes later in its transaction passes them in). */
export function listActiveRoutingRules(db: Db): Promise<RoutingRule[]> {
  return repo.listActiveRules(db);
}

/**
 * Picks the team (first matching rule, else the default team) and the assignee inside it (the
 * rule's assignee, else the team's strategy). Call inside the transaction that inserts the task:
 * it locks the team row so concurrent assignments rotate correctly.
 */
export async function routeTask(
  tx: Db,
  subject: RoutingSubject,
  options: {
    random?: () => number;
    /** The active rules when the caller has just read them in this transaction (`activeRulesColumn`). */
    rules?: RoutingRule[];
  } = {},
): Promise<RouteDecision> {
  const rule = findMatchingRule(options.rules ?? (await repo.listActiveRules(tx)), subject);
  const teamId = rule?.teamId ?? (await findDefaultTeamId(tx));
  if (!teamId) throw noRoute(subject);
  const team = await repo.lockTeamWithMembers(tx, teamId);
  if (!team) throw noRoute(subject, `the team ${teamId} named by routing no longer exists`);
  // Only the least-loaded strategy weighs open tasks (a rule's own assignee overrides it).
  const load =
    team.strategy === 'least_loaded' && !rule?.assigneeId
      ? await repo.countOpenTasks(
          tx,
          team.members.map((m) => m.id),
        )
      : new Map<string, number>();
  const assigneeId = pickAssignee({
    strategy: team.strategy,
    members: team.members.map((m) => ({ ...m, openTasks: load.get(m.id) ?? 0 })),
    lastAssignedUserId: team.lastAssignedUserId,
    teamDirectAssigneeId: team.directAssigneeId,
    ruleAssigneeId: rule?.assigneeId ?? null,
    random: options.random ?? Math.random,
  });
  if (assigneeId) await repo.recordAssignment(tx, team.id, assigneeId);
  return {
    team: { id: team.id, name: team.name, kind: team.kind },
    assigneeId,
    assigneeName: team.members.find((m) => m.id === assigneeId)?.name ?? null,
    ruleId: rule?.id ?? null,
    strategy: rule?.assigneeId ? 'rule_assignee' : team.strategy,
  };
}

async function findDefaultTeamId(tx: Db): Promise<string | null> {
  const value = await repo.findSetting(tx, defaultTeamSetting);
  return typeof value === 'string' && /^[0-9a-f-]{36}$/i.test(value) ? value : null;
}

function noRoute(subject: RoutingSubject, why?: string) {
  const what = `${subject.taskType} task${subject.exceptionTypeId ? ' from this exception type' : ''}`;
  return new AppError(
    'no_route',
    why ??
      `no routing rule matches this ${what} and no default team is configured: add a routing rule or set "${defaultTeamSetting}"`,
    { taskType: subject.taskType as TaskType, missing: ['routing rule', defaultTeamSetting] },
  );
}
