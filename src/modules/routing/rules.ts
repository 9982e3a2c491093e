import type { AssignmentStrategy, Presence, TaskType } from '../../db/schema.ts';

/** A routing rule as the matcher sees it (a row of `routing_rules`). */
export type RoutingRule = {
  id: string;
  position: number;
  isActive: boolean;
  taskType: TaskType | null;
  exceptionTypeId: string | null;
  matchUserId: string | null;
  matchSiteId: string | null;
  matchTeamId: string | null;
  teamId: string;
  assigneeId: string | null;
};

/** What is being routed: the task's type, the exception type behind it, and who created it. */
export type RoutingSubject = {
  taskType: TaskType;
  exceptionTypeId: string | null;
  /** null when the system creates the task (inbound mail, timers). */
  creator: { userId: string; siteId: string | null; teamId: string | null } | null;
};

/**
 * Whether a rule applies. Every condition the rule names must hold; a condition left empty matches
 * anything. The "who" conditions (user, site, team) name the creating user, their site or their team,
 * so a rule naming a site matches everyone at that site; a system-created task matches only rules
 * that name no "who" at all.
 */
export function isRuleMatch(rule: RoutingRule, subject: RoutingSubject): boolean {
  if (!rule.isActive) return false;
  if (rule.taskType !== null && rule.taskType !== subject.taskType) return false;
  if (rule.exceptionTypeId !== null && rule.exceptionTypeId !== subject.exceptionTypeId) return false;
  const creator = subject.creator;
  if (rule.matchUserId !== null && rule.matchUserId !== creator?.userId) return false;
  if (rule.matchSiteId !== null && (creator?.siteId == null || rule.matchSiteId !== creator.siteId)) {
    return false;
  }
  if (rule.matchTeamId !== null && (creator?.teamId == null || rule.matchTeamId !== creator.teamId)) {
    return false;
  }
  return true;
}

/** The first active matching rule by position (ties by id, so the order is stable), or null. */
export function findMatchingRule(rules: readonly RoutingRule[], subject: RoutingSubject): RoutingRule | null {
  const ordered = [...rules].sort((a, b) => a.position - b.position || a.id.localeCompare(b.id));
  return ordered.find((rule) => isRuleMatch(rule, subject)) ?? null;
}

/** A team member who can receive work. */
export type Candidate = { id: string; name: string; presence: Presence; openTasks: number };

export type AssignmentInput = {
  strategy: AssignmentStrategy;
  /** Active members of the team, in any order. */
  members: readonly Candidate[];
  lastAssignedUserId: string | null;
  teamDirectAssigneeId: string | null;
  /** A rule's named assignee: direct assignment whatever the team's strategy. */
  ruleAssigneeId: string | null;
  /** In [0, 1); injected so tests are deterministic. */
  random: () => number;
};

const isReachable = (presence: Presence) => presence !== 'offline' && presence !== 'away';

/** Members in a stable order (name, then id), the order round robin walks through. */
function inRotationOrder(members: readonly Candidate[]): Candidate[] {
  return [...members].sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}

/**
 * Who inside the team gets the task, or null to leave it in the team's queue.
 * A named assignee (rule, or the team's direct assignee) must be an active member, else the task
 * waits in the queue rather than going to someone who cannot see it.
 */
export function pickAssignee(input: AssignmentInput): string | null {
  const members = inRotationOrder(input.members);
  const isMember = (id: string | null) => id !== null && members.some((m) => m.id === id);
  if (input.ruleAssigneeId !== null) return isMember(input.ruleAssigneeId) ? input.ruleAssigneeId : null;
  if (members.length === 0) return null;
  switch (input.strategy) {
    case 'queue':
      return null;
    case 'direct':
      return isMember(input.teamDirectAssigneeId) ? input.teamDirectAssigneeId : null;
    case 'round_robin': {
      const last = members.findIndex((m) => m.id === input.lastAssignedUserId);
      return members[(last + 1) % members.length]!.id;
    }
    case 'least_loaded': {
      // Fewest open tasks; on a tie, the one after the last assignee in rotation order, so equal
      // loads still spread out.
      const fewest = Math.min(...members.map((m) => m.openTasks));
      const last = members.findIndex((m) => m.id === input.lastAssignedUserId);
      const rotated = [...members.slice(last + 1), ...members.slice(0, last + 1)];
      return rotated.find((m) => m.openTasks === fewest)!.id;
    }
    case 'random': {
      const reachable = members.filter((m) => isReachable(m.presence));
      const pool = reachable.length ? reachable : members;
      const index = Math.min(pool.length - 1, Math.floor(input.random() * pool.length));
      return pool[index]!.id;
    }
  }
}
