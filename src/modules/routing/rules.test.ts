import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  type Candidate,
  findMatchingRule,
  pickAssignee,
  type RoutingRule,
  type RoutingSubject,
} from './rules.ts';

const rule = (over: Partial<RoutingRule>): RoutingRule => ({
  id: over.id ?? 'r',
  position: 0,
  isActive: true,
  taskType: null,
  exceptionTypeId: null,
  matchUserId: null,
  matchSiteId: null,
  matchTeamId: null,
  teamId: 'team',
  assigneeId: null,
  ...over,
});

const eastAgent: RoutingSubject = {
  taskType: 'callback',
  exceptionTypeId: 'call_back',
  creator: { userId: 'u-east', siteId: 'east', teamId: null },
};

const rules = [
  rule({ id: 'west', position: 20, exceptionTypeId: 'call_back', matchSiteId: 'west', teamId: 'bpo' }),
  rule({ id: 'east', position: 10, exceptionTypeId: 'call_back', matchSiteId: 'east', teamId: 'captive' }),
  rule({ id: 'vip', position: 5, matchUserId: 'u-vip', teamId: 'vip-team' }),
  rule({ id: 'tier3', position: 40, taskType: 'tier3', teamId: 'tier3' }),
  rule({ id: 'team-rule', position: 50, matchTeamId: 'tier2-team', taskType: 'purchasing', teamId: 'purch' }),
  rule({ id: 'exec', position: 60, taskType: 'executive_case', teamId: 'exec', assigneeId: 'u-exec' }),
  rule({ id: 'off', position: 1, isActive: false, teamId: 'nobody' }),
];

const cases: { name: string; subject: RoutingSubject; expected: string | null }[] = [
  { name: 'east site, call back', subject: eastAgent, expected: 'east' },
  {
    name: 'west site, call back',
    subject: { ...eastAgent, creator: { userId: 'u-west', siteId: 'west', teamId: null } },
    expected: 'west',
  },
  {
    name: 'a rule naming the user wins by position over the site rule',
    subject: { ...eastAgent, creator: { userId: 'u-vip', siteId: 'east', teamId: null } },
    expected: 'vip',
  },
  {
    name: 'a site rule does not match another exception type',
    subject: { ...eastAgent, exceptionTypeId: 'other' },
    expected: null,
  },
  {
    name: 'task type rule with no "who" matches anyone',
    subject: {
      taskType: 'tier3',
      exceptionTypeId: null,
      creator: { userId: 'x', siteId: 'west', teamId: null },
    },
    expected: 'tier3',
  },
  {
    name: 'team rule matches a member of that team',
    subject: {
      taskType: 'purchasing',
      exceptionTypeId: null,
      creator: { userId: 'x', siteId: null, teamId: 'tier2-team' },
    },
    expected: 'team-rule',
  },
  {
    name: 'team rule does not match someone outside the team',
    subject: {
      taskType: 'purchasing',
      exceptionTypeId: null,
      creator: { userId: 'x', siteId: null, teamId: 'other' },
    },
    expected: null,
  },
  {
    name: 'system-created task matches only rules without a "who"',
    subject: { taskType: 'executive_case', exceptionTypeId: null, creator: null },
    expected: 'exec',
  },
  {
    name: 'system-created call back matches no site rule',
    subject: { ...eastAgent, creator: null },
    expected: null,
  },
  {
    name: 'a creator with no site never matches a site rule',
    subject: { ...eastAgent, creator: { userId: 'u', siteId: null, teamId: null } },
    expected: null,
  },
];

for (const c of cases) {
  test(`routing rule: ${c.name}`, () => {
    assert.equal(findMatchingRule(rules, c.subject)?.id ?? null, c.expected);
  });
}

const member = (id: string, name: string, openTasks = 0, presence: Candidate['presence'] = 'available') => ({
  id,
  name,
  openTasks,
  presence,
});
const team = [member('b', 'Bea', 2), member('a', 'Abe', 1), member('c', 'Cy', 1)];
const base = {
  members: team,
  lastAssignedUserId: null,
  teamDirectAssigneeId: null,
  ruleAssigneeId: null,
  random: () => 0,
};

const assignments: { name: string; input: Parameters<typeof pickAssignee>[0]; expected: string | null }[] = [
  { name: 'queue leaves the task unassigned', input: { ...base, strategy: 'queue' }, expected: null },
  {
    name: 'round robin starts at the first by name',
    input: { ...base, strategy: 'round_robin' },
    expected: 'a',
  },
  {
    name: 'round robin takes the one after the last assignee',
    input: { ...base, strategy: 'round_robin', lastAssignedUserId: 'a' },
    expected: 'b',
  },
  {
    name: 'round robin wraps around',
    input: { ...base, strategy: 'round_robin', lastAssignedUserId: 'c' },
    expected: 'a',
  },
  {
    name: 'round robin restarts when the last assignee left the team',
    input: { ...base, strategy: 'round_robin', lastAssignedUserId: 'gone' },
    expected: 'a',
  },
  {
    name: 'least loaded picks the fewest open tasks',
    input: { ...base, strategy: 'least_loaded' },
    expected: 'a',
  },
  {
    name: 'least loaded breaks ties after the last assignee',
    input: { ...base, strategy: 'least_loaded', lastAssignedUserId: 'a' },
    expected: 'c',
  },
  {
    name: 'random prefers reachable members',
    input: {
      ...base,
      strategy: 'random',
      members: [
        member('a', 'Abe', 0, 'offline'),
        member('b', 'Bea', 0, 'away'),
        member('c', 'Cy', 0, 'busy'),
      ],
      random: () => 0,
    },
    expected: 'c',
  },
  {
    name: 'random falls back to everyone when nobody is reachable',
    input: {
      ...base,
      strategy: 'random',
      members: [member('a', 'Abe', 0, 'offline'), member('b', 'Bea', 0, 'away')],
      random: () => 0.99,
    },
    expected: 'b',
  },
  {
    name: 'direct uses the team direct assignee',
    input: { ...base, strategy: 'direct', teamDirectAssigneeId: 'c' },
    expected: 'c',
  },
  {
    name: 'direct with an assignee outside the team waits in the queue',
    input: { ...base, strategy: 'direct', teamDirectAssigneeId: 'stranger' },
    expected: null,
  },
  {
    name: "a rule's assignee overrides the team strategy",
    input: { ...base, strategy: 'round_robin', ruleAssigneeId: 'b' },
    expected: 'b',
  },
  {
    name: 'an empty team leaves the task in the queue',
    input: { ...base, strategy: 'round_robin', members: [] },
    expected: null,
  },
];

for (const c of assignments) {
  test(`assignment: ${c.name}`, () => {
    assert.equal(pickAssignee(c.input), c.expected);
  });
}
