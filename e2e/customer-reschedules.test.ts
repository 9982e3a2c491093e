// A customer opens the link from their confirmation email on a phone (390 px wide) and moves the
// callback to another window: a day first, then a time of that day.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apiCall, audit, launchBrowser, openPage, screenshot, signIn, startServer } from './harness.ts';
import { bookCallback, mailedManagePath } from './setup.ts';

const server = await startServer();
const browser = await launchBrowser();

test('a customer reschedules from the email link on a 390 px screen', async () => {
  // Setup the journey is not about: a booked callback (escalation, permission, booking) via the API.
  const booked = await bookCallback(browser, server.url, 'J-100150');

  const admin = await openPage(browser, server.url);
  await signIn(admin.page, 'admin@demo.test');
  const link = await mailedManagePath(admin.page, booked.customerEmail);

  // The customer: no session, a phone-sized screen.
  const customer = await openPage(browser, server.url, { width: 390, height: 844 });
  const { page } = customer;
  await page.goto(link);
  const days = page.getByRole('navigation', { name: 'Days with open times' }).getByRole('link');
  await days.first().waitFor();
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 390, `no sideways scrolling at 390 px (page is ${width} px wide)`);
  await screenshot(page, 'manage-page');
  assert.deepEqual(await audit(page), [], 'manage page');

  // The day of another window (or the booked day itself, when it has another time).
  const target = booked.otherStarts.find((start) => Date.parse(start) !== Date.parse(booked.start))!;
  assert.ok(target, 'another window to choose');
  await page.locator(`a[href*="?date=${target.slice(0, 10)}"]`).click();
  const choice = page.locator(`input[type="radio"][value="${target}"]`);
  await choice.waitFor();
  assert.equal(await page.locator('input[type="radio"]:checked').count(), 0, 'nothing preselected');
  assert.deepEqual(await audit(page), [], 'manage page, times of a day');
  await choice.check();
  await page.getByRole('button', { name: 'Move my callback to this time' }).click();
  await page.waitForURL(/done=rescheduled/);
  await page.getByRole('status').filter({ hasText: /moved/ }).waitFor();
  await screenshot(page, 'manage-page-done');
  assert.deepEqual(customer.errors, []);

  // The booking moved: the customer's appointment now starts at the chosen window.
  const view = await apiCall<{ appointments: Array<{ start: string; status: string }> }>(
    admin.page,
    'GET',
    `/api/customers/${booked.customerId}/view`,
  );
  const live = view.appointments.filter((a) => a.status !== 'cancelled');
  assert.ok(
    live.some((a) => Date.parse(a.start) === Date.parse(target)),
    `an appointment at ${target}: ${JSON.stringify(view.appointments)}`,
  );
});
