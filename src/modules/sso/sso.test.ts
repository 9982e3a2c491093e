import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { createTestContext } from '../../../test/context.ts';
import {
  type CompanyPerson,
  signInAtProvider,
  startIdentityProvider,
} from '../../../test/identity-provider.ts';
import { matchRule } from './rules.ts';

const ctx = await createTestContext();
const admin = ctx.as('admin@demo.test');
const redirectUri = 'http://desk.test/api/auth/oidc/callback';
const people: Record<string, CompanyPerson> = {
  'bpo-1': { email: 'pat.bpo@acme.example', name: 'Pat Bpo', groups: ['everyone', 'acme-callbacks'] },
  'both-1': { email: 'sam.both@acme.example', name: 'Sam Both', groups: ['east-agents', 'acme-callbacks'] },
  'stranger-1': { email: 'lee.stranger@acme.example', name: 'Lee Stranger', groups: ['finance'] },
  'gone-1': { email: 'gone@acme.example', name: 'Gone Person', groups: ['east-agents'] },
};
const idp = await startIdentityProvider({ redirectUri, people });
after(() => idp.close());
ctx.deps.config.oidc = {
  issuer: idp.issuer,
  clientId: idp.clientId,
  clientSecret: idp.clientSecret,
  roleClaim: 'groups',
};

/** The whole browser round trip: our login redirect, the provider's screens, our callback. */
async function signInWithCompany(accountId: string) {
  const login = await ctx.app.inject({ method: 'GET', url: '/api/auth/oidc/login' });
  assert.equal(login.statusCode, 302);
  const location = String(login.headers.location);
  assert.ok(location.startsWith(idp.issuer), location);
  const authorization = new URL(location);
  assert.equal(authorization.searchParams.get('code_challenge_method'), 'S256');
  assert.ok(authorization.searchParams.get('state'));
  assert.ok(authorization.searchParams.get('nonce'));
  assert.equal(authorization.searchParams.get('redirect_uri'), redirectUri);
  const loginCookie = login.cookies.find((c) => c.name === 'ed_oidc')!;
  assert.equal(loginCookie.httpOnly, true);
  const back = new URL(await signInAtProvider(location, redirectUri, accountId));
  return ctx.app.inject({
    method: 'GET',
    url: back.pathname + back.search,
    headers: { cookie: `ed_oidc=${loginCookie.value}` },
  });
}

async function me(response: Awaited<ReturnType<typeof signInWithCompany>>) {
  const session = response.cookies.find((c) => c.name === 'ed_session');
  assert.ok(session, 'a session cookie is set');
  const answer = await ctx.app.inject({
    method: 'GET',
    url: '/api/me',
    headers: { cookie: `ed_session=${session.value}` },
  });
  assert.equal(answer.statusCode, 200);
  return answer.json() as {
    id: string;
    email: string;
    name: string;
    role: string;
    siteSlug: string | null;
    teamId: string | null;
  };
}

test('the sign-in page learns whether company sign-in is on', async () => {
  const methods = await ctx.anonymous.get('/api/auth/methods');
  assert.equal(methods.status, 200);
  assert.deepEqual(methods.body, {
    password: true,
    oidc: { loginUrl: '/api/auth/oidc/login', label: 'Sign in with your company account' },
  });
  const saved = ctx.deps.config.oidc;
  ctx.deps.config.oidc = undefined;
  try {
    assert.equal((await ctx.anonymous.get('/api/auth/methods')).body.oidc, null);
    assert.equal((await ctx.anonymous.get('/api/auth/oidc/login')).status, 404);
  } finally {
    ctx.deps.config.oidc = saved;
  }
});

test('admins manage SSO rules; the first rule whose value the claim holds wins', async () => {
  const teams = (await admin.get('/api/admin/teams')).body.items as { id: string; name: string }[];
  const acme = teams.find((t) => t.name === 'Acme BPO')!;
  const first = await admin.post('/api/admin/sso-rules', {
    claimValue: 'east-agents',
    role: 'agent',
    siteSlug: 'east',
  });
  assert.equal(first.status, 201, JSON.stringify(first.body));
  const second = await admin.post('/api/admin/sso-rules', {
    claimValue: 'acme-callbacks',
    role: 'callback_agent',
    siteSlug: 'west',
    teamId: acme.id,
  });
  assert.equal(second.status, 201);
  assert.ok(second.body.position > first.body.position);
  const listed = await admin.get('/api/admin/sso-rules');
  assert.deepEqual(
    listed.body.items.map((r: { claimValue: string }) => r.claimValue),
    ['east-agents', 'acme-callbacks'],
  );
  assert.equal(
    (await admin.post('/api/admin/sso-rules', { claimValue: 'x', role: 'agent', siteSlug: 'nowhere' }))
      .status,
    422,
  );
  // The integration role is for a job system's API token, never a person signing in.
  assert.equal(
    (await admin.post('/api/admin/sso-rules', { claimValue: 'robots', role: 'integration' })).status,
    400,
  );
  assert.equal((await ctx.as('agent.east@demo.test').get('/api/admin/sso-rules')).status, 403);
  const extra = await admin.post('/api/admin/sso-rules', { claimValue: 'temp', role: 'agent' });
  assert.equal((await admin.delete(`/api/admin/sso-rules/${extra.body.id}`)).status, 200);
  assert.equal((await admin.delete(`/api/admin/sso-rules/${extra.body.id}`)).status, 404);
  assert.deepEqual(
    matchRule(listed.body.items, ['acme-callbacks', 'east-agents'])?.claimValue,
    'east-agents',
  );
  assert.equal(matchRule(listed.body.items, ['finance']), undefined);
});

test('first company sign-in creates the user with the mapped role, site and team; later ones keep them', async () => {
  const acme = ((await admin.get('/api/admin/teams')).body.items as { id: string; name: string }[]).find(
    (t) => t.name === 'Acme BPO',
  )!;
  const response = await signInWithCompany('bpo-1');
  assert.equal(response.statusCode, 302, response.body);
  assert.equal(response.headers.location, '/');
  const user = await me(response);
  assert.equal(user.email, 'pat.bpo@acme.example');
  assert.equal(user.name, 'Pat Bpo');
  assert.equal(user.role, 'callback_agent');
  assert.equal(user.siteSlug, 'west');
  assert.equal(user.teamId, acme.id);
  const stored = await ctx.db
    .selectFrom('users')
    .select('password_hash')
    .where('id', '=', user.id)
    .executeTakeFirstOrThrow();
  assert.equal(stored.password_hash, null);

  // The first rule in order wins for someone in both groups.
  const both = await me(await signInWithCompany('both-1'));
  assert.equal(both.role, 'agent');
  assert.equal(both.siteSlug, 'east');

  // Again: the same user, as an admin may have changed them since (roles are not re-synced).
  await ctx.db.updateTable('users').set({ role: 'tier3' }).where('id', '=', user.id).execute();
  const again = await me(await signInWithCompany('bpo-1'));
  assert.equal(again.id, user.id);
  assert.equal(again.role, 'tier3');
  // No local password: the password sign-in refuses.
  const password = await ctx.anonymous.post('/api/session', { email: 'pat.bpo@acme.example', password: '' });
  assert.notEqual(password.status, 200);
});

test('no matching rule: refused with a clear page, and no user is created', async () => {
  const response = await signInWithCompany('stranger-1');
  assert.equal(response.statusCode, 403);
  assert.match(String(response.headers['content-type']), /text\/html/);
  assert.match(response.body, /not set up for Escalation Desk/);
  assert.equal(
    response.cookies.find((c) => c.name === 'ed_session'),
    undefined,
  );
  const user = await ctx.db
    .selectFrom('users')
    .select('id')
    .where('email', '=', 'lee.stranger@acme.example')
    .executeTakeFirst();
  assert.equal(user, undefined);
});

test('a deactivated user is refused', async () => {
  const first = await me(await signInWithCompany('gone-1'));
  const deactivated = await admin.patch(`/api/admin/users/${first.id}`, { isActive: false });
  assert.equal(deactivated.status, 200, JSON.stringify(deactivated.body));
  const response = await signInWithCompany('gone-1');
  assert.equal(response.statusCode, 403);
  assert.match(response.body, /deactivated/);
  assert.equal(
    response.cookies.find((c) => c.name === 'ed_session'),
    undefined,
  );
});

test('a callback without the login cookie, or with a forged state, is refused', async () => {
  const login = await ctx.app.inject({ method: 'GET', url: '/api/auth/oidc/login' });
  const back = new URL(await signInAtProvider(String(login.headers.location), redirectUri, 'both-1'));
  const withoutCookie = await ctx.app.inject({ method: 'GET', url: back.pathname + back.search });
  assert.equal(withoutCookie.statusCode, 400);
  assert.match(withoutCookie.body, /try again/);
  const other = await ctx.app.inject({ method: 'GET', url: '/api/auth/oidc/login' });
  const otherCookie = other.cookies.find((c) => c.name === 'ed_oidc')!;
  const forged = await ctx.app.inject({
    method: 'GET',
    url: back.pathname + back.search,
    headers: { cookie: `ed_oidc=${otherCookie.value}` },
  });
  assert.equal(forged.statusCode, 400);
  assert.equal(
    forged.cookies.find((c) => c.name === 'ed_session'),
    undefined,
  );
});
