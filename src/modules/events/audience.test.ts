import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isInAudience, type Listener } from './audience.ts';

const lead: Listener = { id: 'u-lead', role: 'lead', siteId: 's-east', teamId: null };
const agent: Listener = { id: 'u-agent', role: 'agent', siteId: 's-east', teamId: 't-1' };
const event = (over: Partial<Parameters<typeof isInAudience>[0]>) => ({
  user_ids: [],
  site_id: null,
  team_id: null,
  roles: [],
  ...over,
});

test('audience: named users, every given scope, and nobody for an event without audience', () => {
  const cases: Array<[string, Parameters<typeof isInAudience>[0], Listener, boolean]> = [
    ['named', event({ user_ids: ['u-agent'] }), agent, true],
    ['not named, no scope', event({ user_ids: ['u-agent'] }), lead, false],
    ['no audience at all', event({}), lead, false],
    ['site scope', event({ site_id: 's-east' }), agent, true],
    ['other site', event({ site_id: 's-west' }), lead, false],
    [
      'site + desk roles: lead',
      event({ site_id: 's-east', roles: ['supervisor', 'lead', 'sme'] }),
      lead,
      true,
    ],
    [
      'site + desk roles: agent',
      event({ site_id: 's-east', roles: ['supervisor', 'lead', 'sme'] }),
      agent,
      false,
    ],
    ['named beats scope', event({ user_ids: ['u-agent'], site_id: 's-east', roles: ['lead'] }), agent, true],
    ['team scope', event({ team_id: 't-1' }), agent, true],
    ['team scope, no team', event({ team_id: 't-1' }), lead, false],
  ];
  for (const [name, e, who, expected] of cases) assert.equal(isInAudience(e, who), expected, name);
});
