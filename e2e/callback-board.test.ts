// A callback worker moves a task across the board (pointer and keyboard), completes it with a
// resolution reason, and sees a refused move put the card back with a message.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { apiCall, audit, launchBrowser, openPage, screenshot, signIn, startServer } from './harness.ts';

const server = await startServer();
const browser = await launchBrowser();

async function drag(page: Page, card: Locator, column: Locator) {
  const from = (await card.boundingBox())!;
  const to = (await column.boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2 + 12, from.y + from.height / 2, { steps: 3 });
  await page.mouse.move(to.x + to.width / 2, to.y + 80, { steps: 12 });
  await page.mouse.up();
}

test('a callback worker drags a task across the board, completes it, and a refused move rolls back', async () => {
  // Setup the journey is not about: an east agent opens a Call Back exception, which routes a
  // callback task to In-house Callbacks.
  const agent = await openPage(browser, server.url);
  await signIn(agent.page, 'agent.east@demo.test');
  const comments = await apiCall<{ items: Array<{ id: string }> }>(
    agent.page,
    'GET',
    '/api/exception-comments?type=call_back',
  );
  const created = await apiCall<{ task: { id: string; title: string; assigneeId: string | null } }>(
    agent.page,
    'POST',
    '/api/jobs/J-100120/exceptions',
    { type: 'call_back', commentId: comments.items[0]!.id },
  );
  // Two more on the board, so the columns look like a working day.
  for (const job of ['J-100160', 'J-100170']) {
    await apiCall(agent.page, 'POST', `/api/jobs/${job}/exceptions`, {
      type: 'call_back',
      commentId: comments.items[0]!.id,
    });
  }
  await agent.context.close();

  const worker = await openPage(browser, server.url);
  const { page } = worker;
  await signIn(page, 'cb.captive@demo.test');
  await page.getByRole('heading', { name: 'Task board', exact: true }).waitFor();
  const column = (name: string) => page.getByRole('region', { name: new RegExp(`^${name}`) });
  const card = (where: Locator) =>
    where.getByRole('button', { name: created.task.title }).and(where.locator('.task-card'));

  await card(column('Not started')).waitFor();
  assert.deepEqual(await audit(page), [], 'board');

  // Pointer: Not started → In progress.
  await drag(page, card(column('Not started')), column('In progress'));
  await card(column('In progress')).waitFor();
  await page.getByText(/Moved “.*” to In progress/).waitFor();
  await screenshot(page, 'tasks-board');

  // Keyboard: pick up with Space, one column right, drop with Space → Waiting.
  // Each step waits for the board's screen-reader announcement, as a person waits to hear it.
  const announced = (text: string) => page.getByText(text).waitFor({ state: 'attached' });
  await card(column('In progress')).focus();
  await page.keyboard.press('Space');
  await page.locator('.task-card[aria-pressed="true"]').waitFor();
  // The keyboard sensor measures the columns after the pick-up; on a busy machine an arrow pressed
  // before that is lost, so the arrow is pressed again (never past Waiting) until it is announced.
  const isAnnounced = (text: string) =>
    page
      .getByText(text)
      .waitFor({ state: 'attached', timeout: 4_000 })
      .then(() => true)
      .catch(() => false);
  for (let tries = 1; ; tries++) {
    // A late arrow that went one column too far comes back.
    const key = (await page.getByText('Over Completed.').count()) ? 'ArrowLeft' : 'ArrowRight';
    await page.keyboard.press(key);
    if (await isAnnounced('Over Waiting.')) break;
    assert.ok(tries < 3, 'the board never announced the task over Waiting');
  }
  await page.keyboard.press('Space');
  await announced('Dropped in Waiting.');
  await card(column('Waiting')).waitFor();
  const afterKeys = await apiCall<{ status: string }>(page, 'GET', `/api/tasks/${created.task.id}`);
  assert.equal(afterKeys.status, 'waiting');

  // The side pane: research the job, then complete with a resolution reason.
  await column('Waiting')
    .getByRole('button', { name: `Open ${created.task.title}` })
    .click();
  const pane = page.getByRole('complementary', { name: 'Task details' });
  await pane.getByRole('tab', { name: /Parts/ }).click();
  await pane.getByRole('tab', { name: /Timeline/ }).click();
  await screenshot(page, 'tasks-pane');
  assert.deepEqual(await audit(page), [], 'task pane');
  await page.keyboard.press('Escape');

  // Dropping on Completed asks for the resolution reason first.
  await drag(page, card(column('Waiting')), column('Completed'));
  const dialog = page.getByRole('dialog', { name: /Complete/ });
  await dialog.getByLabel('Resolution reason').selectOption({ index: 1 });
  await dialog.getByRole('button', { name: 'Complete task' }).click();
  await card(column('Completed')).waitFor();

  // Completed is final: the server refuses (409), the card goes back and we are told why.
  await drag(page, card(column('Completed')), column('In progress'));
  await page
    .getByRole('alert')
    .filter({ hasText: /stays in Completed/ })
    .waitFor();
  await card(column('Completed')).waitFor();
  assert.equal(await card(column('In progress')).count(), 0);
  const final = await apiCall<{ status: string }>(page, 'GET', `/api/tasks/${created.task.id}`);
  assert.equal(final.status, 'completed');
  assert.deepEqual(worker.errors, []);
});
