// A customer opens the link from their confirmation email on a phone (390 px wide) and moves the
// callback to another window.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { apiCall, audit, launchBrowser, openPage, screenshot, signIn, startServer } from './harness.ts';
import { bookCallback } from './setup.ts';

const server = await startServer();
const browser = await launchBrowser();

type Mail = { to: string; subject: string; status: string; raw: string | null };

/** The manage link in a kept message (quoted-printable soft breaks and `=3D` undone). */
function manageLinkIn(raw: string): string | undefined {
  const text = raw.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
  return text.match(/https?:\/\/[^\s"'<>]+\/manage\/[^\s"'<>]+/)?.[0];
}

async function waitForMail(admin: Page, to: string): Promise<Mail> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const { items } = await apiCall<{ items: Mail[] }>(admin, 'GET', '/api/mailbox');
    const mail = items.find((m) => m.to.includes(to) && m.raw && manageLinkIn(m.raw));
    if (mail) return mail;
    if (Date.now() > deadline)
      throw new Error(
        `no mail with a manage link for ${to}: ${JSON.stringify(items.map((m) => [m.to, m.subject, m.status]))}`,
      );
    await new Promise((r) => setTimeout(r, 500));
  }
}

test('a customer reschedules from the email link on a 390 px screen', async () => {
  // Setup the journey is not about: a booked callback (escalation, permission, booking) via the API.
  const booked = await bookCallback(browser, server.url, 'J-100150');

  const admin = await openPage(browser, server.url);
  await signIn(admin.page, 'admin@demo.test');
  const mail = await waitForMail(admin.page, booked.customerEmail);
  const link = new URL(manageLinkIn(mail.raw!)!);

  // The customer: no session, a phone-sized screen.
  const customer = await openPage(browser, server.url, { width: 390, height: 844 });
  const { page } = customer;
  await page.goto(link.pathname + link.search);
  const picker = page.getByLabel(/New time/);
  await picker.waitFor();
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 390, `no sideways scrolling at 390 px (page is ${width} px wide)`);
  await screenshot(page, 'manage-page');
  assert.deepEqual(await audit(page), [], 'manage page');
  const choices = await picker
    .locator('option')
    .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
  const target = choices.find((value) => Date.parse(value) !== Date.parse(booked.start));
  assert.ok(target, 'another window to choose');
  await picker.selectOption(target!);
  await page.getByRole('button', { name: 'Move my callback' }).click();
  await page.waitForURL(/done=rescheduled/);
  await page
    .getByText(/moved|rescheduled/i)
    .first()
    .waitFor();
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
    live.some((a) => Date.parse(a.start) === Date.parse(target!)),
    `an appointment at ${target}: ${JSON.stringify(view.appointments)}`,
  );
});
