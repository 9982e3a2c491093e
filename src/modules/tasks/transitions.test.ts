import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { TaskStatus } from '../../db/schema.ts';
import type { Actor } from '../../http/auth.ts';
import { canSeeTask, canWorkTask, taskScopeOf } from './policy.ts';
import { canCompleteTask, canMoveTask, defaultDueAt } from './transitions.ts';

const moves: [TaskStatus, TaskStatus, boolean][] = [
  ['not_started', 'in_progress', true],
  ['not_started', 'waiting', true],
  ['not_started', 'completed', false],
  ['in_progress', 'waiting', true],
  ['in_progress', 'not_started', true],
  ['in_progress', 'completed', false],
  ['waiting', 'in_progress', true],
  ['waiting', 'not_started', true],
  ['completed', 'in_progress', false],
  ['completed', 'not_started', false],
  ['completed', 'waiting', false],
  ['waiting', 'waiting', true],
];

for (const [from, to, allowed] of moves) {
  test(`PATCH ${from} → ${to} is ${allowed ? 'allowed' : 'refused'}`, () => {
    assert.equal(canMoveTask(from, to), allowed);
  });
}

test('every open status may complete; completed may not complete again', () => {
  assert.deepEqual((['not_started', 'in_progress', 'waiting', 'completed'] as const).map(canCompleteTask), [
    true,
    true,
    true,
    false,
  ]);
});

test('default due times follow the type', () => {
  const now = new Date('2026-11-26T15:00:00Z');
  assert.equal(defaultDueAt('callback', now).toISOString(), '2026-11-26T17:00:00.000Z');
  assert.equal(defaultDueAt('tier3', now).toISOString(), '2026-11-29T15:00:00.000Z');
});

const actor = (over: Partial<Actor>): Actor => ({
  id: 'me',
  name: 'Me',
  email: 'me@x',
  role: 'callback_agent',
  siteId: null,
  siteSlug: null,
  teamId: 'bpo',
  teamKind: 'bpo',
  supervisorId: null,
  ...over,
});

const scopes: [string, Actor, ReturnType<typeof taskScopeOf>][] = [
  ['BPO callback agent', actor({}), { kind: 'team', teamId: 'bpo' }],
  ['tier3 associate', actor({ role: 'tier3', teamId: 't3' }), { kind: 'team', teamId: 't3' }],
  ['purchasing', actor({ role: 'purchasing', teamId: 'p' }), { kind: 'team', teamId: 'p' }],
  ['exec', actor({ role: 'exec_escalations', teamId: 'x' }), { kind: 'team', teamId: 'x' }],
  ['callback agent without a team', actor({ teamId: null }), { kind: 'none' }],
  ['lead', actor({ role: 'lead', teamId: null }), { kind: 'all' }],
  ['supervisor', actor({ role: 'supervisor', teamId: null }), { kind: 'all' }],
  ['sme', actor({ role: 'sme', teamId: null }), { kind: 'all' }],
  ['admin', actor({ role: 'admin', teamId: null }), { kind: 'all' }],
  ['agent', actor({ role: 'agent', teamId: null }), { kind: 'creator', userId: 'me' }],
];

for (const [name, who, scope] of scopes) {
  test(`task scope of a ${name}`, () => {
    assert.deepEqual(taskScopeOf(who), scope);
  });
}

test('a team worker sees and works only their team; an agent sees what they created but cannot work it', () => {
  const bpoTask = { teamId: 'bpo', createdById: 'someone' };
  const captiveTask = { teamId: 'captive', createdById: 'me' };
  assert.equal(canSeeTask(actor({}), bpoTask), true);
  assert.equal(canSeeTask(actor({}), captiveTask), false);
  assert.equal(canWorkTask(actor({}), captiveTask), false);
  const agent = actor({ role: 'agent', teamId: null });
  assert.equal(canSeeTask(agent, captiveTask), true);
  assert.equal(canWorkTask(agent, captiveTask), false);
  assert.equal(canWorkTask(actor({ role: 'lead', teamId: null }), captiveTask), true);
});
