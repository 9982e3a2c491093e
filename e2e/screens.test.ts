// The remaining main screens: each loads its data, passes an axe-core audit and logs no errors.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apiCall, audit, launchBrowser, openPage, screenshot, signIn, startServer } from './harness.ts';
import { bookCallback, mailedManagePath } from './setup.ts';

const server = await startServer();
const browser = await launchBrowser();

test('Activities (filters in the URL), the full task form and Customer View pass an audit', async () => {
  // A booked callback (its task carries the contact promises) and a bare Call Back exception.
  const booked = await bookCallback(browser, server.url, 'J-100130');
  const agent = await openPage(browser, server.url);
  await signIn(agent.page, 'agent.east@demo.test');
  const comments = await apiCall<{ items: Array<{ id: string }> }>(
    agent.page,
    'GET',
    '/api/exception-comments?type=call_back',
  );
  await apiCall(agent.page, 'POST', '/api/jobs/J-100140/exceptions', {
    type: 'call_back',
    commentId: comments.items[0]!.id,
  });
  await agent.context.close();

  const { page, errors } = await openPage(browser, server.url);
  await signIn(page, 'cb.captive@demo.test');
  await page.goto('/tasks?type=callback');
  await page.getByRole('heading', { name: 'Activities', exact: true }).waitFor();
  assert.equal(await page.getByLabel('Type').inputValue(), 'callback');
  // A saved view keeps the filters: save, clear, pick it again.
  await page.getByRole('button', { name: 'Save this view' }).click();
  await page.getByLabel('View name').fill('Callbacks');
  await page.keyboard.press('Enter');
  await page.getByLabel('Type').selectOption('');
  await page.getByLabel('Saved views').selectOption({ label: 'Callbacks' });
  await page.waitForURL(/type=callback/);
  // The URL changes a render before the filter shows it: wait (bounded) for the select to follow.
  const typeFilter = page.getByLabel('Type');
  for (let i = 0; i < 50 && (await typeFilter.inputValue()) !== 'callback'; i++)
    await page.waitForTimeout(100);
  assert.equal(await typeFilter.inputValue(), 'callback');
  const rows = page.getByRole('row');
  await rows.nth(2).waitFor();
  await page.getByRole('button', { name: /J-100130/ }).click();
  await page.waitForURL(new RegExp(`task=${booked.taskId}`));
  const pane = page.getByRole('complementary', { name: 'Task details' });
  await pane
    .getByRole('list', { name: 'Contact promises' })
    .getByText(/First call/)
    .waitFor();
  await screenshot(page, 'tasks-activities');
  assert.deepEqual(await audit(page), [], 'activities with pane');
  // An attempt is logged from the pane and shows up in its list (or, at night in the customer's
  // zone, the server's quiet-hours refusal is shown: the journey runs at any hour).
  await pane.getByLabel('Outcome').selectOption('no_answer');
  await pane.getByRole('button', { name: 'Log attempt' }).click();
  await pane
    .getByRole('list', { name: 'Call attempts' })
    .getByText(/No answer/)
    .or(page.getByRole('alert').filter({ hasText: /quiet hours/ }))
    .waitFor();

  // The pane survives a reload (it lives in the URL), and opens as the full form.
  await page.reload();
  await page.getByRole('link', { name: 'Open full form' }).click();
  await page.getByRole('list', { name: 'Contact promises' }).waitFor();
  assert.deepEqual(await audit(page), [], 'full task form');

  const customerLink = page.locator('a[href^="/tasks/customers/"]').first();
  await customerLink.click();
  await page.getByRole('heading', { name: /Customer view/ }).waitFor();
  await screenshot(page, 'customer-view');
  assert.deepEqual(await audit(page), [], 'customer view');
  assert.deepEqual(errors, []);
});

// Of the forms-for-people screens, the New task confirmation is a screen reached in a few steps;
// the offer script and the denial's next step need an escalation, a permission request and a
// supervisor's answer, so they stay audited in e2e/forms-for-people.test.ts.
test('the New task confirmation passes an audit', async () => {
  const { page, errors } = await openPage(browser, server.url);
  await signIn(page, 'tier2@demo.test');
  await page.goto('/tasks');
  await page.getByRole('button', { name: 'New task' }).click();
  const form = page.getByRole('form', { name: 'New task' });
  await form.getByLabel('Job number').fill('J-100240');
  await form.getByLabel('Escalation reason').selectOption({ label: 'Service Delay' });
  await form.getByLabel('Resolution').fill('Expedited the part; the customer accepted the new date.');
  await form.getByRole('button', { name: 'Create task' }).click();
  await page.getByRole('heading', { name: 'Tier 2 record created', exact: true }).waitFor();
  assert.deepEqual(await audit(page), [], 'new task confirmation');
  assert.deepEqual(errors, []);
});

test('admin screens load, pass an audit and save a site setting', async () => {
  const { page, errors } = await openPage(browser, server.url);
  await signIn(page, 'admin@demo.test');
  await page.getByRole('heading', { name: 'Site settings', exact: true }).waitFor();
  const east = page.getByRole('form', { name: 'Settings of East Leadership Desk' });
  await east.getByLabel('Transfer threshold (seconds)').fill('240');
  await east.getByRole('button', { name: /Save/ }).click();
  await page.getByText('East Leadership Desk: saved.').waitFor();
  const sites = await apiCall<{ items: Array<{ slug: string; transferThresholdSeconds: number }> }>(
    page,
    'GET',
    '/api/admin/sites',
  );
  assert.equal(sites.items.find((s) => s.slug === 'east')?.transferThresholdSeconds, 240);
  await screenshot(page, 'admin-sites');
  assert.deepEqual(await audit(page), [], 'admin sites');

  for (const [link, heading] of [
    ['Outages', 'Outages'],
    ['Desk schedules and holidays', 'Desk schedules and holidays'],
    ['Mailbox', 'Mailbox'],
    ['Escalation reasons', 'Escalation reasons'],
    ['Teams', 'Teams'],
    ['Tier 2 resolution types', 'Tier 2 resolution types'],
    ['Routing rules', 'Routing rules'],
    ['Users', 'Users'],
    ['Approved exception comments', 'Approved exception comments'],
    ['Callback guidelines', 'Callback guidelines'],
  ]) {
    await page
      .getByRole('navigation', { name: 'Admin sections' })
      .getByRole('link', { name: link, exact: true })
      .click();
    await page.getByRole('heading', { name: heading, exact: true }).waitFor();
    // Loaded: a table, the guidelines form, or a screen's empty state.
    await page
      .getByRole('table')
      .or(page.getByRole('button', { name: 'Save guidelines' }))
      .or(page.getByText(/^No outages declared\.$|^No mail sent yet\.$/))
      .or(page.locator('.mail-list'))
      .first()
      .waitFor();
    assert.deepEqual(await audit(page), [], `admin ${link}`);
  }
  await page
    .getByRole('navigation', { name: 'Admin sections' })
    .getByRole('link', { name: 'Escalation reasons' })
    .click();
  await screenshot(page, 'admin-reasons');

  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Reports' }).click();
  await page.getByRole('heading', { name: 'Reports', exact: true }).waitFor();
  await page.getByRole('table').or(page.getByText('No data in this period.')).first().waitFor();
  assert.deepEqual(await audit(page), [], 'reports');
  assert.deepEqual(errors, []);
});

test("the customer's manage page (a day, its times, the cancel question) passes an audit on a desktop", async () => {
  const booked = await bookCallback(browser, server.url, 'J-100200');
  const admin = await openPage(browser, server.url);
  await signIn(admin.page, 'admin@demo.test');
  const link = await mailedManagePath(admin.page, booked.customerEmail);
  await admin.context.close();

  const { page, errors } = await openPage(browser, server.url);
  await page.goto(link);
  const days = page.getByRole('navigation', { name: 'Days with open times' }).getByRole('link');
  await days.first().click();
  await page.getByRole('radio').first().waitFor();
  assert.deepEqual(await audit(page), [], 'manage page, times of a day');
  await page.getByRole('link', { name: 'Cancel my callback' }).click();
  await page.getByRole('button', { name: 'Yes, cancel' }).waitFor();
  assert.deepEqual(await audit(page), [], 'manage page, cancel question');
  assert.deepEqual(errors, []);
});

test('the notification centre and the desk’s promise panel pass an audit, empty as well', async () => {
  const { page, errors } = await openPage(browser, server.url);
  await signIn(page, 'supervisor.west@demo.test');
  await page.getByRole('link', { name: /^Notifications: 0 unread/ }).click();
  await page.getByRole('heading', { name: 'Notifications', exact: true }).waitFor();
  await page.getByText(/Nothing to read/).waitFor();
  assert.deepEqual(await audit(page), [], 'notification centre (empty)');
  await page.goto('/desk');
  await page
    .getByRole('region', { name: 'Promises at risk or broken' })
    .getByText('Every promise to a customer is on time.')
    .waitFor();
  assert.deepEqual(await audit(page), [], 'leadership desk with an empty promise panel');
  assert.deepEqual(errors, []);
});
