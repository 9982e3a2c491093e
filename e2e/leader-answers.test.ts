// A Leadership Desk lead goes available, sees a transfer arrive live, answers it, reads the brief,
// conferences the customer in and takes over.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apiCall, audit, launchBrowser, openPage, screenshot, signIn, startServer } from './harness.ts';

const server = await startServer();
const browser = await launchBrowser();

test('a leader sees a transfer arrive live, answers it, reads the brief and takes over', async () => {
  const leader = await openPage(browser, server.url);
  const { page } = leader;
  await signIn(page, 'lead.east@demo.test');
  await page.getByRole('heading', { name: 'Leadership Desk', exact: true }).waitFor();
  await page.getByLabel('Presence').selectOption('available');
  await page.getByText('Nobody is waiting').waitFor();

  const agent = await openPage(browser, server.url);
  await signIn(agent.page, 'agent.east@demo.test');
  const escalation = await apiCall<{ id: string }>(agent.page, 'POST', '/api/escalations', {
    jobNumber: 'J-100110',
    reasons: ['replacement_dispute'],
    summary: 'Customer disputes the replacement offer; wants a full refund.',
  });
  const transfer = await apiCall<{ id: string }>(
    agent.page,
    'POST',
    `/api/escalations/${escalation.id}/transfer`,
    {},
  );

  // Arrives without a reload.
  const answer = page.getByRole('button', { name: /^Answer / });
  await answer.waitFor();
  await page.getByRole('timer', { name: /waiting/ }).waitFor();
  await screenshot(page, 'desk-queue');
  assert.deepEqual(await audit(page), [], 'desk queue');
  await answer.click();

  const brief = page.getByRole('region', { name: /Brief/ });
  await brief.getByText('Replacement Dispute').waitFor();
  await brief.getByText('Customer disputes the replacement offer; wants a full refund.').waitFor();
  await brief.getByText('Alex Kim').waitFor();
  await screenshot(page, 'desk-brief');
  assert.deepEqual(await audit(page), [], 'brief');

  await page.getByRole('button', { name: 'Conference the customer in' }).click();
  await page.getByRole('button', { name: 'Agent has left · take over' }).click();
  await page.getByRole('button', { name: 'Done' }).waitFor();
  const final = await apiCall<{ status: string; answeredBy: { name: string } }>(
    agent.page,
    'GET',
    `/api/transfers/${transfer.id}`,
  );
  assert.equal(final.status, 'completed');
  assert.equal(final.answeredBy.name, 'Morgan Diaz');
  assert.deepEqual(leader.errors, []);
});
