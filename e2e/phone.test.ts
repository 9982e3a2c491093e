// The Leadership Desk and the task board on a phone (390 × 844): the page never scrolls sideways,
// the sections stay reachable, a waiting transfer can be answered, and a task can be opened and
// moved from its pane; each screen passes an audit.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { apiCall, audit, launchBrowser, openPage, screenshot, signIn, startServer } from './harness.ts';

const server = await startServer();
const browser = await launchBrowser();
const phone = { width: 390, height: 844 };

async function assertFitsPhone(page: Page, what: string) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= phone.width, `${what}: no sideways scrolling at 390 px (page is ${width} px wide)`);
  assert.deepEqual(await audit(page), [], what);
}

/** Whether a control is inside the screen's width and at least 44 px tall (a thumb's target). */
async function assertThumbReachable(control: Locator, what: string) {
  await control.scrollIntoViewIfNeeded();
  const box = await control.boundingBox();
  assert.ok(box, `${what} is shown`);
  assert.ok(
    box.x >= 0 && box.x + box.width <= phone.width,
    `${what} is within the screen: ${JSON.stringify(box)}`,
  );
  assert.ok(box.height >= 44, `${what} is at least 44 px tall (${box.height})`);
}

test('the Leadership Desk at 390 px: sections reachable, a transfer answered', async () => {
  const leader = await openPage(browser, server.url, phone);
  const { page } = leader;
  await signIn(page, 'lead.east@demo.test');
  await page.getByRole('heading', { name: 'Leadership Desk', exact: true }).waitFor();
  const sections = page.getByRole('navigation', { name: 'Sections' });
  await assertThumbReachable(sections.getByRole('link', { name: 'Tasks' }), 'the Tasks section link');
  await assertThumbReachable(page.getByRole('button', { name: 'Sign out' }), 'Sign out');
  await page.getByLabel('Presence').selectOption('available');
  await page.getByText('Nobody is waiting').waitFor();
  await assertFitsPhone(page, 'desk, empty queue');

  const agent = await openPage(browser, server.url);
  await signIn(agent.page, 'agent.east@demo.test');
  const escalation = await apiCall<{ id: string }>(agent.page, 'POST', '/api/escalations', {
    jobNumber: 'J-100180',
    reasons: ['replacement_dispute'],
    summary: 'Customer disputes the replacement offer; wants a full refund.',
  });
  await apiCall(agent.page, 'POST', `/api/escalations/${escalation.id}/transfer`, {});
  await agent.context.close();

  const answer = page.getByRole('button', { name: /^Answer / });
  await answer.waitFor();
  await assertThumbReachable(answer, 'Answer');
  await assertFitsPhone(page, 'desk with a waiting transfer');
  await screenshot(page, 'phone-desk');
  await answer.click();
  await page.getByRole('region', { name: /Brief/ }).getByText('Replacement Dispute').waitFor();
  await assertFitsPhone(page, 'desk with the brief');

  await sections.getByRole('link', { name: 'Tasks' }).click();
  await page.getByRole('heading', { name: 'Activities', exact: true }).waitFor();
  assert.deepEqual(leader.errors, []);
});

test('the task board at 390 px: columns scroll within the board, a task moves from its pane', async () => {
  const agent = await openPage(browser, server.url);
  await signIn(agent.page, 'agent.east@demo.test');
  const comments = await apiCall<{ items: Array<{ id: string }> }>(
    agent.page,
    'GET',
    '/api/exception-comments?type=call_back',
  );
  const created = await apiCall<{ task: { id: string; title: string } }>(
    agent.page,
    'POST',
    '/api/jobs/J-100190/exceptions',
    { type: 'call_back', commentId: comments.items[0]!.id },
  );
  await agent.context.close();

  const worker = await openPage(browser, server.url, phone);
  const { page } = worker;
  await signIn(page, 'cb.captive@demo.test');
  await page.getByRole('heading', { name: 'Task board', exact: true }).waitFor();
  const column = (name: string) => page.getByRole('region', { name: new RegExp(`^${name}`) });
  const card = (where: Locator) =>
    where.getByRole('button', { name: created.task.title }).and(where.locator('.task-card'));
  await card(column('Not started')).waitFor();
  await assertFitsPhone(page, 'board');
  await screenshot(page, 'phone-board');
  // The four columns do not fit a phone: the board scrolls sideways within itself, not the page.
  const board = page.locator('.board');
  const [scrollWidth, clientWidth] = await board.evaluate((b) => [b.scrollWidth, b.clientWidth]);
  assert.ok(scrollWidth > clientWidth, 'the board scrolls within itself');
  assert.ok(clientWidth <= phone.width);

  const openButton = column('Not started').getByRole('button', { name: `Open ${created.task.title}` });
  await assertThumbReachable(openButton, 'Open task');
  await openButton.click();
  const pane = page.getByRole('complementary', { name: 'Task details' });
  const setInProgress = pane.getByRole('button', { name: 'Set In progress' });
  await setInProgress.waitFor();
  await assertThumbReachable(setInProgress, 'Set In progress');
  await assertThumbReachable(pane.getByRole('button', { name: 'Close task pane' }), 'Close task pane');
  await assertFitsPhone(page, 'task pane');
  await screenshot(page, 'phone-task-pane');
  await setInProgress.click();
  await pane.getByRole('button', { name: 'Close task pane' }).click();
  await card(column('In progress')).waitFor();
  const moved = await apiCall<{ status: string }>(page, 'GET', `/api/tasks/${created.task.id}`);
  assert.equal(moved.status, 'in_progress');
  assert.deepEqual(worker.errors, []);
});
