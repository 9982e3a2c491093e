// A supervisor sees a broken promise after a page load: the alert was kept on the server, so it is in
// the notification centre (the bell counts it) and in the at-risk/broken panel of the Leadership
// Desk; opening it reads it, and Activities shows the task as broken and overdue.
//
// The server runs on its own PostgreSQL database here (not PGlite): a promise falls due minutes after
// a window that is at least hours away, so the setup moves that promise and its timers to now in
// the database, which a PGlite folder held by the server does not allow. The server's own timer
// runner then breaks the promise as it would have at the due time.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, test } from 'node:test';
import pg from 'pg';
import { apiCall, audit, launchBrowser, openPage, screenshot, signIn, startServer } from './harness.ts';
import { bookCallback } from './setup.ts';

const baseUrl = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const name = `ed_e2e_promises_${randomBytes(4).toString('hex')}`;
async function onServer(statement: string) {
  const client = new pg.Client({ connectionString: baseUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
await onServer(`CREATE DATABASE ${name}`);
const databaseUrl = new URL(baseUrl);
databaseUrl.pathname = `/${name}`;
// Registered before the server's own `after`, so it runs after the server stopped.
after(() => onServer(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));

const server = await startServer({ DATABASE_URL: databaseUrl.toString(), TIMER_POLL_MS: '250' });
const browser = await launchBrowser();

/** Moves the task's first-contact promise (and its at-risk and broken timers) to just now. */
async function letPromiseFallDue(taskId: string) {
  const db = new pg.Client({ connectionString: databaseUrl.toString() });
  await db.connect();
  try {
    await db.query('BEGIN');
    await db.query(
      `UPDATE task_promises SET due_at = now() - interval '1 minute' WHERE task_id = $1 AND superseded_at IS NULL`,
      [taskId],
    );
    await db.query(
      `UPDATE timers SET due_at = now() WHERE status = 'pending' AND dedupe_key LIKE $1
         AND kind IN ('callback.promise_at_risk', 'callback.promise_broken')`,
      [`task:${taskId}:%`],
    );
    await db.query('COMMIT');
  } finally {
    await db.end();
  }
}

test('supervisor sees a broken promise after a page load', async () => {
  // Setup the journey is not about: a callback booked at East, whose first-contact promise breaks.
  const booked = await bookCallback(browser, server.url, 'J-100110');
  await letPromiseFallDue(booked.taskId);

  const { page, errors } = await openPage(browser, server.url);
  await signIn(page, 'supervisor.east@demo.test');
  const deadline = Date.now() + 30_000;
  for (;;) {
    const task = await apiCall<{ promise: { state: string } | null }>(
      page,
      'GET',
      `/api/tasks/${booked.taskId}`,
    );
    if (task.promise?.state === 'broken') break;
    if (Date.now() > deadline) throw new Error(`the promise did not break: ${JSON.stringify(task.promise)}`);
    await page.waitForTimeout(250);
  }

  // A page load, long after the toast would have gone: the bell counts the kept alerts.
  await page.goto('/desk');
  await page.getByRole('heading', { name: 'Leadership Desk', exact: true }).waitFor();
  const bell = page.getByRole('link', { name: /^Notifications: 2 unread/ });
  await bell.waitFor();
  const panel = page.getByRole('region', { name: 'Promises at risk or broken' });
  const panelTask = panel.getByRole('listitem').filter({ hasText: 'Broken' });
  await panelTask.waitFor();
  assert.equal(await panel.getByRole('listitem').count(), 1);
  await screenshot(page, 'desk-promises-at-risk');
  assert.deepEqual(await audit(page), [], 'leadership desk with the at-risk panel');

  // The notification centre: unread first, the broken promise on top.
  await bell.click();
  await page.getByRole('heading', { name: 'Notifications', exact: true }).waitFor();
  const list = page.getByRole('list', { name: 'Notifications, unread first' });
  const items = list.getByRole('listitem');
  await items.nth(1).waitFor();
  assert.match((await items.nth(0).textContent()) ?? '', /Promise broken.*Unread/);
  assert.match((await items.nth(1).textContent()) ?? '', /Promise at risk.*Unread/);
  await screenshot(page, 'notifications');
  assert.deepEqual(await audit(page), [], 'notification centre');

  // Opening the task reads its alert: the bell goes down by one, and Activities shows the task.
  await items
    .nth(0)
    .getByRole('link', { name: /^Open task\W+Promise broken$/ })
    .click();
  await page.waitForURL(new RegExp(`/tasks\\?task=${booked.taskId}`));
  await page.getByRole('link', { name: /^Notifications: 1 unread/ }).waitFor();
  await page.getByRole('complementary', { name: 'Task details' }).waitFor();

  // Activities by promise: the broken one, soonest due first, flagged overdue in words.
  const filters = page.getByRole('group', { name: 'Filters' });
  await filters.getByLabel(/^Promise/).selectOption('at_risk,broken');
  await filters.getByLabel(/^Sort/).selectOption('promise');
  await page.waitForURL(/promise=at_risk%2Cbroken|promise=at_risk,broken/);
  await page.waitForURL(/sort=promise/);
  const row = page.getByRole('row').filter({ hasText: 'Broken' });
  await row.waitFor();
  assert.equal(await page.getByRole('row').count(), 2, 'the header and the one broken task');
  await row.getByText('Overdue').waitFor();
  assert.deepEqual(await audit(page), [], 'activities filtered by promise');

  // Back in the centre after a reload: the opened alert is read, the other still unread.
  await page.goto('/notifications');
  await items.nth(1).waitFor();
  assert.match((await items.nth(0).textContent()) ?? '', /Promise at risk.*Unread/);
  assert.match((await items.nth(1).textContent()) ?? '', /Promise broken.*Read/);
  await page.getByRole('button', { name: 'Mark all read' }).click();
  await page.getByRole('link', { name: /^Notifications: 0 unread/ }).waitFor();
  assert.deepEqual(errors, []);
});

test('a report count opens the tasks it counted', async () => {
  const { page, errors } = await openPage(browser, server.url);
  await signIn(page, 'supervisor.east@demo.test');
  await page.goto('/reports?name=task-ageing');
  const report = page.getByRole('region', { name: 'task ageing' });
  await report.getByRole('table').waitFor();
  const row = report.getByRole('row').filter({ hasText: 'In-house Callbacks' });
  const open = row.getByRole('link', { name: /tasks: Open, In-house Callbacks/ });
  const counted = Number((await open.textContent())?.match(/^\d+/)?.[0]);
  assert.ok(counted >= 1, 'the booked callback is counted');
  assert.deepEqual(await audit(page), [], 'reports with task links');
  await open.click();
  await page.getByRole('heading', { name: 'Activities', exact: true }).waitFor();
  await page.getByText('From a report:').waitFor();
  await page.getByRole('row').nth(counted).waitFor();
  assert.equal(await page.getByRole('row').count(), counted + 1, 'the list shows what the report counted');
  assert.deepEqual(await audit(page), [], 'activities opened from a report');

  // The promise broken in the journey above is counted in Promises kept, and the count opens its task.
  await page.goto('/reports?name=promises-kept');
  const promises = page.getByRole('region', { name: 'promises kept' });
  const broken = promises.getByRole('link', { name: /tasks of these promises: Broken/ }).first();
  await broken.waitFor();
  await broken.click();
  await page.getByText('From a report:').waitFor();
  await page.getByText('a promise broken').waitFor();
  await page.getByRole('row').filter({ hasText: 'Broken' }).first().waitFor();
  await screenshot(page, 'activities-from-broken-promises');
  assert.deepEqual(await audit(page), [], 'activities opened from a count of promises');
  assert.deepEqual(errors, []);
});
