import assert from 'node:assert/strict';
import { test } from 'node:test';
import { audit, launchBrowser, openPage, screenshot, signIn, startServer } from './harness.ts';

const server = await startServer();
const browser = await launchBrowser();

test('a wrong password is refused with a message, and the sign-in page passes an audit', async () => {
  const { page, errors } = await openPage(browser, server.url);
  await page.goto('/');
  await page.getByLabel('Email').fill('agent.east@demo.test');
  await page.getByLabel('Password').fill('wrong');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('alert').waitFor();
  assert.deepEqual(await audit(page), []);
  await screenshot(page, 'sign-in');
  assert.deepEqual(
    errors.filter((e) => e !== 'HTTP 401 POST /api/session'),
    [],
  );
});

test('each role lands on its home with name, role, site and live status', async () => {
  const homes: Array<[string, string, RegExp]> = [
    ['agent.east@demo.test', 'Agent console', /\/console$/],
    ['lead.east@demo.test', 'Leadership Desk', /\/desk$/],
    ['cb.captive@demo.test', 'Task board', /\/tasks\/board$/],
    ['admin@demo.test', 'Site settings', /\/admin$/],
  ];
  for (const [email, heading, url] of homes) {
    const { page, context, errors } = await openPage(browser, server.url);
    await signIn(page, email);
    await page.waitForURL(url);
    await page.getByRole('heading', { name: heading }).first().waitFor();
    await page.getByRole('status', { name: 'Live updates: Live' }).waitFor();
    assert.deepEqual(await audit(page), [], `${email} home`);
    assert.deepEqual(errors, [], `${email} console errors`);
    await context.close();
  }
});
