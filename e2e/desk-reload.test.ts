// State that lives on the server, not in the tab: a leader who reloads mid-call gets the call and
// its brief back, with the steps to finish it; a member refused a second call because they hold
// one is shown that call and can end it. Waits are generous (30 s): on a loaded machine a step's
// refetches can take longer than the default.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { apiCall, audit, launchBrowser, openPage, screenshot, signIn, startServer } from './harness.ts';

const server = await startServer();
const browser = await launchBrowser();

const agent = await openPage(browser, server.url);
await signIn(agent.page, 'agent.east@demo.test');

/** An escalation put in the east queue by the agent (setup the journey is not about). */
async function queueTransfer(jobNumber: string, summary: string) {
  const escalation = await apiCall<{ id: string }>(agent.page, 'POST', '/api/escalations', {
    jobNumber,
    reasons: ['service_delay'],
    summary,
    allowDuplicate: true,
  });
  return apiCall<{ id: string }>(agent.page, 'POST', `/api/escalations/${escalation.id}/transfer`, {});
}

async function goAvailable(page: Page) {
  await page.getByRole('heading', { name: 'Leadership Desk', exact: true }).waitFor({ timeout: 30_000 });
  await page.getByLabel('Presence').selectOption('available');
}

test('a leader who reloads mid-call gets the call and its brief back, and finishes it', async () => {
  const leader = await openPage(browser, server.url);
  const { page } = leader;
  await signIn(page, 'lead.east@demo.test');
  await goAvailable(page);
  const transfer = await queueTransfer('J-100140', 'Technician missed two visits; customer wants a date.');

  await page.getByRole('button', { name: /^Answer / }).click({ timeout: 30_000 });
  const brief = page.getByRole('region', { name: /Brief/ });
  await brief.getByText('Technician missed two visits; customer wants a date.').waitFor({ timeout: 30_000 });

  await page.reload();
  await brief.getByText('Technician missed two visits; customer wants a date.').waitFor({ timeout: 30_000 });
  await brief.getByText('Service Delay').waitFor({ timeout: 30_000 });
  assert.deepEqual(await audit(page), [], 'brief after a reload');
  await screenshot(page, 'desk-brief-after-reload');

  // Closing the brief does not lose the call: "On calls now" opens it again.
  await page.getByRole('button', { name: 'Close brief' }).click({ timeout: 30_000 });
  await brief.waitFor({ state: 'detached', timeout: 30_000 });
  await page.getByRole('button', { name: /^Open call with / }).click({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Conference the customer in' }).click({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Agent has left · take over' }).waitFor({ timeout: 30_000 });

  await page.reload();
  await page.getByRole('button', { name: 'Agent has left · take over' }).click({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Done' }).waitFor({ timeout: 30_000 });
  const final = await apiCall<{ status: string }>(agent.page, 'GET', `/api/transfers/${transfer.id}`);
  assert.equal(final.status, 'completed');

  await page.reload();
  await page.getByRole('heading', { name: /^Live queue/ }).waitFor({ timeout: 30_000 });
  assert.equal(await brief.count(), 0, 'a finished call leaves no brief behind');
  assert.deepEqual(leader.errors, []);
});

test('a member refused a second call is shown the one they hold and can end it', async () => {
  const sme = await openPage(browser, server.url);
  const { page } = sme;
  await signIn(page, 'sme.east@demo.test');
  await goAvailable(page);
  const held = await queueTransfer('J-100150', 'Held call: answered in another tab.');
  await apiCall(page, 'POST', `/api/transfers/${held.id}/answer`);
  const waiting = await queueTransfer('J-100160', 'Second caller waiting for the desk.');

  await page.reload();
  const brief = page.getByRole('region', { name: /Brief/ });
  await brief.getByText('Held call: answered in another tab.').waitFor({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Close brief' }).click({ timeout: 30_000 });
  await page.getByRole('button', { name: /^Answer / }).click({ timeout: 30_000 });
  await page
    .getByText(/already on a transferred call/)
    .first()
    .waitFor({ timeout: 30_000 });
  await brief.getByText('Held call: answered in another tab.').waitFor({ timeout: 30_000 });
  await page.getByRole('button', { name: /^End call/ }).click({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Done' }).click({ timeout: 30_000 });

  await page.getByRole('button', { name: /^Answer / }).click({ timeout: 30_000 });
  await brief.getByText('Second caller waiting for the desk.').waitFor({ timeout: 30_000 });
  const answered = await apiCall<{ status: string }>(agent.page, 'GET', `/api/transfers/${waiting.id}`);
  assert.equal(answered.status, 'answered');
  assert.deepEqual(await audit(page), [], 'brief of the second call');
  assert.deepEqual(sme.errors, []);
});

test('an agent who signs in again finds the open escalation, resumes it, and is warned before a duplicate', async () => {
  const opened = await apiCall<{ id: string }>(agent.page, 'POST', '/api/escalations', {
    jobNumber: 'J-100170',
    reasons: ['coverage_denial'],
    summary: 'Coverage denied for the compressor; customer disputes it.',
    allowDuplicate: false,
  });
  const again = await openPage(browser, server.url);
  const { page } = again;
  await signIn(page, 'agent.east@demo.test');
  const mine = page.getByRole('region', { name: 'Your open escalations' });
  await mine
    .getByText('Coverage denied for the compressor; customer disputes it.', { exact: true })
    .waitFor({ timeout: 30_000 });
  assert.deepEqual(await audit(page), [], 'console with open escalations');
  await mine
    .getByRole('button', { name: /^Resume the escalation on job J-100170/ })
    .click({ timeout: 30_000 });
  await page
    .getByText('Coverage denied for the compressor; customer disputes it.', { exact: true })
    .waitFor({ timeout: 30_000 });
  assert.equal(new URL(page.url()).searchParams.get('escalation'), opened.id);

  // On the job itself: a banner with the way back, and a warning before a second one.
  await page.getByRole('button', { name: 'New call' }).click({ timeout: 30_000 });
  await page.getByLabel('Job number, customer name or phone').fill('J-100170');
  await page.getByRole('button', { name: /^J-100170/ }).click({ timeout: 30_000 });
  await page
    .getByRole('region', { name: 'Job J-100170 has an open escalation' })
    .waitFor({ timeout: 30_000 });
  await page.getByRole('checkbox', { name: 'Coverage Denial' }).check();
  await page.getByLabel('Summary for the Leadership Desk').fill('Calling again about the compressor.');
  await page.getByRole('button', { name: 'Open escalation' }).click({ timeout: 30_000 });
  await page
    .getByRole('alert')
    .filter({ hasText: 'already has an open escalation' })
    .waitFor({ timeout: 30_000 });
  assert.deepEqual(await audit(page), [], 'duplicate warning');
  await screenshot(page, 'agent-duplicate-warning');
  await page.getByRole('button', { name: 'Go back to the open escalation' }).click({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Transfer to Leadership Desk' }).waitFor({ timeout: 30_000 });
  assert.equal(new URL(page.url()).searchParams.get('escalation'), opened.id);
  const job = await apiCall<{ notes: { kind: string }[] }>(page, 'GET', '/api/jobs/J-100170');
  assert.equal(job.notes.filter((n) => n.kind === 'escalation.created').length, 1, 'no duplicate was opened');
  assert.deepEqual(again.errors, []);
});
