// A customer on a phone (390 × 844) cancels their callback from the email link, is asked once,
// and books a new time from the same page: a day, then a time of that day.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { apiCall, audit, launchBrowser, openPage, screenshot, signIn, startServer } from './harness.ts';
import { bookCallback, mailedManagePath } from './setup.ts';

const server = await startServer();
const browser = await launchBrowser();

async function assertFitsPhone(page: Page, what: string) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 390, `${what}: no sideways scrolling at 390 px (page is ${width} px wide)`);
  assert.deepEqual(await audit(page), [], what);
}

test('a customer cancels and rebooks at 390 px', async () => {
  const booked = await bookCallback(browser, server.url, 'J-100160');
  const admin = await openPage(browser, server.url);
  await signIn(admin.page, 'admin@demo.test');
  const link = await mailedManagePath(admin.page, booked.customerEmail);

  const customer = await openPage(browser, server.url, { width: 390, height: 844 });
  const { page } = customer;
  await page.goto(link);
  await page.getByRole('heading', { name: /Your callback with/ }).waitFor();
  await assertFitsPhone(page, 'manage page');

  // The first tap only asks; "Keep it" leaves the callback as it was.
  await page.getByRole('link', { name: 'Cancel my callback' }).click();
  await page.getByRole('heading', { name: /^Cancel your callback on .+\?$/ }).waitFor();
  await assertFitsPhone(page, 'cancel confirmation');
  await screenshot(page, 'manage-cancel-confirm');
  await page.getByRole('link', { name: 'Keep it' }).click();
  await page.getByRole('heading', { name: 'Move to another time', exact: true }).waitFor();
  await page.getByRole('link', { name: 'Cancel my callback' }).click();
  await page.getByRole('button', { name: 'Yes, cancel' }).click();
  await page.waitForURL(/done=cancelled/);
  await page
    .getByRole('status')
    .filter({ hasText: /cancelled/ })
    .waitFor();

  // The page offers a new time: step 1, a day; step 2, a time of that day, nothing chosen for them.
  await page.getByRole('heading', { name: 'Book a new time', exact: true }).waitFor();
  await assertFitsPhone(page, 'cancelled, offering a new time');
  const days = page.getByRole('navigation', { name: 'Days with open times' }).getByRole('link');
  await days.last().click();
  await page.getByRole('heading', { name: /^2\. Choose a time on / }).waitFor();
  const times = page.getByRole('radio');
  assert.ok((await times.count()) > 0, 'times to choose from');
  assert.equal(await page.locator('input[type="radio"]:checked').count(), 0, 'nothing preselected');
  await assertFitsPhone(page, 'times of a day');
  await screenshot(page, 'manage-rebook-times');
  const start = await times.first().getAttribute('value');
  await times.first().check();
  await page.getByRole('button', { name: 'Book this time' }).click();
  await page.waitForURL(/done=rebooked/);
  await page
    .getByRole('status')
    .filter({ hasText: /new callback is booked/ })
    .waitFor();
  await assertFitsPhone(page, 'rebooked');
  assert.deepEqual(customer.errors, []);

  // The escalation now has its cancelled appointment and a new booked one at the chosen time.
  const view = await apiCall<{
    appointments: Array<{ start: string; status: string; escalationId: string }>;
  }>(admin.page, 'GET', `/api/customers/${booked.customerId}/view`);
  const mine = view.appointments.filter((a) => a.escalationId === booked.escalationId);
  assert.deepEqual(mine.map((a) => a.status).sort(), ['booked', 'cancelled'], JSON.stringify(mine));
  const rebooked = mine.find((a) => a.status === 'booked')!;
  assert.equal(Date.parse(rebooked.start), Date.parse(start!));
});
