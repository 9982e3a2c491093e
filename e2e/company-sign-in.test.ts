import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { startIdentityProvider } from '../test/identity-provider.ts';
import { apiCall, audit, launchBrowser, openPage, signIn, startServer } from './harness.ts';

let serverUrl = '';
const idp = await startIdentityProvider({
  redirectUri: () => `${serverUrl}/api/auth/oidc/callback`,
  people: {
    'kim-1': { email: 'kim.east@acme.example', name: 'Kim East', groups: ['desk-agents-east'] },
    'ola-1': { email: 'ola@acme.example', name: 'Ola Outsider', groups: ['finance'] },
  },
});
after(() => idp.close());
const server = await startServer({
  OIDC_ISSUER: idp.issuer,
  OIDC_CLIENT_ID: idp.clientId,
  OIDC_CLIENT_SECRET: idp.clientSecret,
});
serverUrl = server.url;
const browser = await launchBrowser();

/** Signs in at the test identity provider's own (dev) screens, as a person would. */
async function signInAtCompany(page: import('playwright-core').Page, login: string) {
  await page.goto('/');
  await page.getByRole('link', { name: 'Sign in with your company account' }).click();
  await page.getByPlaceholder('Enter any login').fill(login);
  await page.locator('input[name="password"]').fill('anything');
  await page.locator('button[type="submit"]').click();
  // The provider asks for consent once per client.
  await page.getByRole('button', { name: 'Continue' }).click();
}

test('a person of a mapped group signs in with their company account and lands on their home', async () => {
  const setup = await openPage(browser, server.url);
  await signIn(setup.page, 'admin@demo.test');
  await setup.page.goto('/admin/sso-rules');
  await setup.page.getByLabel('Group (claim value)').fill('desk-agents-east');
  await setup.page.getByLabel('Role').selectOption('agent');
  await setup.page.getByLabel('Site slug (optional)').fill('east');
  await setup.page.getByRole('button', { name: 'Add rule' }).click();
  await setup.page.getByRole('listitem').filter({ hasText: 'desk-agents-east' }).waitFor();
  assert.deepEqual(await audit(setup.page), [], 'SSO rules screen');
  await setup.page.goto('/admin/webhooks');
  await setup.page.getByRole('heading', { name: 'Webhooks', exact: true }).waitFor();
  assert.deepEqual(await audit(setup.page), [], 'webhooks screen');
  await setup.context.close();

  const { page, context, errors } = await openPage(browser, server.url);
  await page.goto('/');
  await page.getByRole('link', { name: 'Sign in with your company account' }).waitFor();
  assert.deepEqual(await audit(page), []);
  await signInAtCompany(page, 'kim-1');
  await page.waitForURL(/\/console$/);
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
  const me = await apiCall<{ email: string; role: string; siteSlug: string }>(page, 'GET', '/api/me');
  assert.deepEqual([me.email, me.role, me.siteSlug], ['kim.east@acme.example', 'agent', 'east']);
  // The provider's dev screens load a web font from the internet, out of reach here; ours load nothing outside.
  assert.deepEqual(
    errors.filter((e) => !e.includes('ERR_NAME_NOT_RESOLVED')),
    [],
  );
  await context.close();
});

test('a person no rule covers is told why', async () => {
  const { page, context } = await openPage(browser, server.url);
  await signInAtCompany(page, 'ola-1');
  await page.getByRole('heading', { name: 'You cannot sign in', exact: true }).waitFor();
  assert.match((await page.locator('main').textContent()) ?? '', /not set up for Escalation Desk/);
  await context.close();
});
