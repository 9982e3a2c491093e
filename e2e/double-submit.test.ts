// A lost answer and a second press: the server opened the escalation but the browser never heard;
// the agent presses again, the app sends the same Idempotency-Key, and there is still one escalation.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apiCall, launchBrowser, openPage, signIn, startServer } from './harness.ts';

const server = await startServer();
const browser = await launchBrowser();

test('pressing again after a lost answer opens one escalation, not two', async () => {
  const agent = await openPage(browser, server.url);
  const { page } = agent;
  await signIn(page, 'agent.east@demo.test');
  await page.getByLabel('Job number, customer name or phone').fill('J-100120');
  await page.getByRole('button', { name: /J-100120/ }).click();
  await page.getByRole('checkbox', { name: 'Service Delay' }).check();
  await page.getByLabel('Summary for the Leadership Desk').fill('Second missed visit this week.');

  const keys: string[] = [];
  let isFirst = true;
  await page.route('**/api/escalations', async (route) => {
    keys.push(route.request().headers()['idempotency-key'] ?? '');
    if (!isFirst) return route.continue();
    isFirst = false;
    // The request reaches the server and is done there; its answer is lost on the way back.
    await route.fetch();
    await route.abort('connectionreset');
  });
  await page.getByRole('button', { name: 'Open escalation' }).click();
  await page.getByText(/cannot be reached/).waitFor();
  const replayed = page.waitForResponse((r) => r.url().endsWith('/api/escalations'));
  await page.getByRole('button', { name: 'Open escalation' }).click();
  const response = await replayed;
  assert.equal(response.status(), 201);
  assert.equal(response.headers()['idempotent-replayed'], 'true');
  await page.getByRole('button', { name: 'Transfer to Leadership Desk' }).waitFor();

  assert.equal(keys.length, 2);
  assert.match(keys[0]!, /^[0-9a-f-]{36}$/);
  assert.equal(keys[1], keys[0]);
  const job = await apiCall<{ notes: { kind: string }[] }>(page, 'GET', '/api/jobs/J-100120');
  assert.equal(job.notes.filter((n) => n.kind === 'escalation.created').length, 1);
  const unexpected = agent.errors.filter((e) => !/ERR_CONNECTION_RESET|Failed to fetch/.test(e));
  assert.deepEqual(unexpected, [], 'agent console errors');
});
