// Admin, complete (issue 12): outages declared on screen reach agents' banners; West's settings,
// schedules and holidays are edited like East's; rules read by name; the mailbox reads as mail.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { apiCall, audit, launchBrowser, openPage, screenshot, signIn, startServer } from './harness.ts';
import { bookCallback } from './setup.ts';

const server = await startServer();
const browser = await launchBrowser();

async function openSection(page: Page, link: string) {
  await page
    .getByRole('navigation', { name: 'Admin sections' })
    .getByRole('link', { name: link, exact: true })
    .click();
}

test('an admin declares, corrects and ends an outage; West agents see the banner follow', async () => {
  const agent = await openPage(browser, server.url);
  await signIn(agent.page, 'agent.west@demo.test');
  const { page, errors } = await openPage(browser, server.url);
  await signIn(page, 'admin@demo.test');
  await page.goto('/admin/outages');
  await page.getByRole('heading', { name: 'Outages', exact: true }).waitFor();
  await page.getByRole('button', { name: 'Declare an outage' }).click();
  const form = page.getByRole('form', { name: 'Declare an outage' });
  // Nothing filled in: each field says what it needs, and nothing is sent.
  await form.getByRole('button', { name: 'Declare outage' }).click();
  await form.getByText('Enter a title agents will recognise.').waitFor();
  await form.getByText('Choose at least one affected site.').waitFor();
  assert.deepEqual(await audit(page), [], 'outage form with errors');

  await form.getByLabel('Title').fill('Claims system down');
  await form.getByLabel('Guidance for agents').fill('Take a callback number; promise no claim decision.');
  await form.getByLabel('Script for customers').fill('Our claims system is down; we will call you back.');
  await form.getByRole('checkbox', { name: /West Leadership Desk/ }).check();
  await form.getByRole('button', { name: 'Declare outage' }).click();
  await page.getByText('Claims system down: declared.').waitFor();
  const row = page.getByRole('row', { name: /Claims system down/ });
  await row.getByText('Running').waitFor();
  // Its start in the affected site's zone.
  await row
    .getByText(/P[SD]T/)
    .first()
    .waitFor();
  const banner = agent.page.getByRole('region', { name: 'System outage' });
  await banner.getByText('Outage: Claims system down').waitFor();
  await screenshot(page, 'admin-outages');
  assert.deepEqual(await audit(page), [], 'outages');

  await row.getByRole('button', { name: 'Edit Claims system down' }).click();
  const edit = page.getByRole('form', { name: 'Edit outage Claims system down' });
  await edit.getByLabel('Title').fill('Claims system slow');
  await edit.getByRole('button', { name: 'Save outage' }).click();
  await page.getByText('Claims system slow: saved.').waitFor();
  await banner.getByText('Outage: Claims system slow').waitFor();

  await page.getByRole('button', { name: 'End Claims system slow' }).click();
  await page
    .getByRole('row', { name: /Claims system slow/ })
    .getByText('Ended')
    .waitFor();
  await banner.waitFor({ state: 'detached' });
  assert.deepEqual(errors, []);
  assert.deepEqual(agent.errors, []);
  await agent.context.close();
});

test('West site settings: every setting, limits in words beside the field', async () => {
  const { page, errors } = await openPage(browser, server.url);
  await signIn(page, 'admin@demo.test');
  await page.goto('/admin/sites');
  const west = page.getByRole('form', { name: 'Settings of West Leadership Desk' });
  await west.getByLabel('Minimum notice (minutes)').fill('99999');
  await west.getByRole('button', { name: 'Save West Leadership Desk' }).click();
  await west.getByText('Must be from 0 to 10080.').waitFor();
  await west.getByLabel('Minimum notice (minutes)').fill('120');
  await west.getByLabel('Callbacks per member per window').fill('3');
  await west.getByLabel('Callback window (minutes)').fill('45');
  await west.getByRole('button', { name: 'Save West Leadership Desk' }).click();
  await page.getByText('West Leadership Desk: saved.').waitFor();
  const sites = await apiCall<{
    items: Array<{
      slug: string;
      minNoticeMinutes: number;
      callbacksPerMember: number;
      windowMinutes: number;
    }>;
  }>(page, 'GET', '/api/admin/sites');
  const saved = sites.items.find((s) => s.slug === 'west')!;
  assert.deepEqual([saved.minNoticeMinutes, saved.callbacksPerMember, saved.windowMinutes], [120, 3, 45]);
  assert.deepEqual(await audit(page), [], 'site settings');
  assert.deepEqual(errors, []);
});

test('West desk hours and a holiday are edited from the schedules screen', async () => {
  const { page, errors } = await openPage(browser, server.url);
  await signIn(page, 'admin@demo.test');
  await page.goto('/admin/sites');
  await openSection(page, 'Desk schedules and holidays');
  await page.getByLabel('Site').selectOption({ label: 'West Leadership Desk' });
  await page.waitForURL(/site=west/);
  await page.getByRole('heading', { name: /Weekly hours at West Leadership Desk/ }).waitFor();
  const hours = page.getByRole('table', { name: 'Weekly hours at West Leadership Desk' });
  const first = hours.getByRole('row').nth(1);
  const member = (await first.getByRole('cell').first().textContent()) ?? '';
  await first.getByRole('button', { name: /^Edit / }).click();
  const form = page.getByRole('form', { name: `Edit hours of ${member}` });
  await form.getByLabel(/^To/).fill('15:30');
  await form.getByRole('button', { name: 'Save hours' }).click();
  await page.getByText('West Leadership Desk: hours saved.').waitFor();
  await hours.getByRole('cell', { name: '15:30', exact: true }).waitFor();

  await page.getByRole('button', { name: 'Add holiday or time off' }).click();
  const holiday = page.getByRole('form', { name: 'Add holiday or time off at West Leadership Desk' });
  await holiday.getByRole('button', { name: 'Save' }).click();
  await holiday.getByText('Choose a date.').waitFor();
  await holiday.getByLabel('Date (at the site)').fill('2026-12-25');
  await holiday.getByLabel('Note').fill('Christmas Day');
  await holiday.getByRole('button', { name: 'Save' }).click();
  const holidays = page.getByRole('table', { name: 'Holidays and time off at West Leadership Desk' });
  await holidays.getByRole('row', { name: /Friday, December 25.*Whole desk.*Christmas Day/ }).waitFor();
  const west = await apiCall<{ exceptions: Array<{ date: string; userId: string | null }> }>(
    page,
    'GET',
    '/api/admin/schedules?site=west',
  );
  assert.ok(west.exceptions.some((e) => e.date === '2026-12-25' && e.userId === null));
  await screenshot(page, 'admin-schedules');
  assert.deepEqual(await audit(page), [], 'schedules');
  assert.deepEqual(errors, []);
});

test('routing rules read and are picked by name, never by id', async () => {
  const { page, errors } = await openPage(browser, server.url);
  await signIn(page, 'admin@demo.test');
  await page.goto('/admin/routing-rules');
  const table = page.getByRole('table', { name: 'Routing rules' });
  await table.getByRole('row', { name: /West Leadership Desk.*Acme BPO/ }).waitFor();
  assert.doesNotMatch((await table.textContent()) ?? '', /[0-9a-f]{8}-[0-9a-f]{4}-/);

  await page.getByRole('button', { name: 'Add' }).click();
  const form = page.getByRole('form', { name: 'Add to Routing rules' });
  await form.getByLabel('Task type').selectOption({ label: 'Tier 3' });
  await form.getByLabel('Creator’s site').selectOption({ label: 'West Leadership Desk' });
  await form.getByLabel('Routes to team').selectOption({ label: 'Tier 3' });
  await form.getByRole('button', { name: 'Save' }).click();
  await page.getByText('Routing rules: saved.').waitFor();
  await table.getByRole('row', { name: /Tier 3.*West Leadership Desk.*Tier 3/ }).waitFor();
  assert.doesNotMatch((await table.textContent()) ?? '', /[0-9a-f]{8}-[0-9a-f]{4}-/);
  assert.deepEqual(await audit(page), [], 'routing rules');
  assert.deepEqual(errors, []);
});

test('approved comments and users pick exception types, reasons and sites by name', async () => {
  const { page, errors } = await openPage(browser, server.url);
  await signIn(page, 'admin@demo.test');
  await page.goto('/admin/exception-comments');
  const comments = page.getByRole('table', { name: 'Approved exception comments' });
  await comments
    .getByRole('row', { name: /Call Back.*Supervisor Request/ })
    .first()
    .waitFor();
  assert.doesNotMatch((await comments.textContent()) ?? '', /supervisor_request|[0-9a-f]{8}-[0-9a-f]{4}-/);
  await page.getByRole('button', { name: 'Add' }).click();
  const form = page.getByRole('form', { name: 'Add to Approved exception comments' });
  // Nothing chosen: the required fields say so beside them, and focus goes to the first.
  await form.getByRole('button', { name: 'Save' }).click();
  await form.getByText('Exception type is required.').waitFor();
  await form.getByText('Comment is required.').waitFor();
  assert.equal(await form.getByLabel('Exception type').evaluate((el) => el === document.activeElement), true);
  assert.deepEqual(await audit(page), [], 'approved comment form with errors');
  await form.getByLabel('Exception type').selectOption({ label: 'Call Back' });
  await form.getByLabel('Reason').selectOption({ label: 'Supervisor Request' });
  await form.getByLabel('Comment').fill('Customer asked twice for a supervisor; callback booked.');
  await form.getByRole('button', { name: 'Save' }).click();
  await page.getByText('Approved exception comments: saved.').waitFor();
  await comments.getByRole('row', { name: /Call Back.*Supervisor Request.*asked twice/ }).waitFor();
  assert.deepEqual(await audit(page), [], 'approved comments');

  await page.goto('/admin/users');
  const users = page.getByRole('table', { name: 'Users' });
  await users.getByRole('row', { name: /Wren Parker.*West Leadership Desk/ }).waitFor();
  await users.getByRole('button', { name: 'Edit Rowan Blake' }).click();
  const edit = page.getByRole('form', { name: 'Edit Users' });
  await edit.getByLabel('Site', { exact: true }).selectOption({ label: 'West Leadership Desk' });
  await edit.getByRole('button', { name: 'Save' }).click();
  await page.getByText('Users: saved.').waitFor();
  await users.getByRole('row', { name: /Rowan Blake.*West Leadership Desk/ }).waitFor();
  const saved = await apiCall<{ items: Array<{ email: string; siteSlug: string | null }> }>(
    page,
    'GET',
    '/api/admin/users',
  );
  assert.equal(saved.items.find((u) => u.email === 'tier3@demo.test')?.siteSlug, 'west');
  assert.deepEqual(await audit(page), [], 'users');
  assert.deepEqual(errors, []);
});

test('the mailbox reads a message: headers, decoded text with its links, source on request', async () => {
  const booked = await bookCallback(browser, server.url, 'J-100150');
  const { page, errors } = await openPage(browser, server.url);
  await signIn(page, 'admin@demo.test');
  // The runner builds the message a moment after the booking: wait (bounded) until it is kept.
  type Kept = { to: string; subject: string; raw: string | null };
  let confirmation: Kept | undefined;
  for (let i = 0; i < 60 && !confirmation; i++) {
    const { items } = await apiCall<{ items: Kept[] }>(page, 'GET', '/api/mailbox');
    confirmation = items.find((m) => m.to.includes(booked.customerEmail) && m.raw);
    if (!confirmation) await page.waitForTimeout(500);
  }
  assert.ok(confirmation, 'the confirmation was kept');
  await page.goto('/admin/mailbox');
  await page.getByRole('heading', { name: 'Mailbox', exact: true }).waitFor();
  await page.getByRole('button', { name: confirmation.subject }).first().click();
  const message = page.getByRole('article', { name: `Message: ${confirmation.subject}` });
  await message.getByText('From', { exact: true }).waitFor();
  await message
    .getByRole('link', { name: /\/manage\// })
    .first()
    .waitFor();
  const text = (await message.locator('pre.mail-text').textContent()) ?? '';
  assert.doesNotMatch(text, /Content-Type|=3D|Content-Transfer-Encoding/);
  assert.equal(
    await message
      .getByText(/Content-Type:/)
      .first()
      .isVisible(),
    false,
  );
  await message.getByText('Show source').click();
  await message.getByText(/Content-Type: multipart/).waitFor();
  await screenshot(page, 'admin-mailbox');
  assert.deepEqual(await audit(page), [], 'mailbox');
  assert.deepEqual(errors, []);
});
