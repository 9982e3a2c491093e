// Tier work: a Tier 2 record completed with a Tier 2 resolution type; a purchasing request answered,
// the answer on the job's timeline and in the requester's mail; the Tier 3 fairness report.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apiCall, audit, launchBrowser, openPage, screenshot, signIn, startServer } from './harness.ts';

const server = await startServer();
const browser = await launchBrowser();

type Task = { id: string; status: string; resolution: { code: string; label: string } | null };

test('a Tier 2 record is completed with a Tier 2 resolution type, not a callback reason', async () => {
  const { page, errors } = await openPage(browser, server.url);
  await signIn(page, 'tier2@demo.test');
  const record = await apiCall<Task>(page, 'POST', '/api/tasks', {
    type: 'tier2_record',
    jobNumber: 'J-100150',
    escalationType: 'service_delay',
    resolution: 'Customer called about the second missed visit.',
  });
  await page.goto(`/tasks?task=${record.id}`);
  const pane = page.getByRole('complementary', { name: 'Task details' });
  const form = pane.getByRole('form', { name: 'Complete the task' });
  const picker = form.getByLabel('Tier 2 resolution type');
  await picker
    .locator('option', { hasText: 'Service provider visit rescheduled' })
    .waitFor({ state: 'attached' });
  const options = await picker.locator('option').allTextContents();
  assert.ok(!options.includes('Resolved on call'), `callback reasons are not offered: ${options.join(', ')}`);
  assert.deepEqual(await audit(page), [], 'Tier 2 complete form');
  await picker.selectOption({ label: 'Service provider visit rescheduled' });
  await form.getByRole('button', { name: 'Complete task' }).click();
  await pane.getByText(/Completed.*Service provider visit rescheduled/).waitFor();

  const done = await apiCall<Task>(page, 'GET', `/api/tasks/${record.id}`);
  assert.equal(done.status, 'completed');
  assert.equal(done.resolution?.code, 'service_rescheduled');
  assert.deepEqual(errors, []);
  await page.context().close();
});

test("a purchasing request is answered: the answer is on the job's timeline and in the requester's mail", async () => {
  const requester = await openPage(browser, server.url);
  await signIn(requester.page, 'tier2@demo.test');
  const request = await apiCall<Task>(requester.page, 'POST', '/api/tasks', {
    type: 'purchasing',
    jobNumber: 'J-100160',
    orderNumber: 'PO-5521',
    part: 'Drain pump',
    question: 'Is the drain pump back-ordered?',
  });
  await requester.context.close();

  const { page, errors } = await openPage(browser, server.url);
  await signIn(page, 'purchasing@demo.test');
  await page.goto(`/tasks?task=${request.id}`);
  const pane = page.getByRole('complementary', { name: 'Task details' });
  const form = pane.getByRole('form', { name: 'Complete the task' });
  const send = form.getByRole('button', { name: 'Send answer and complete' });
  await form.getByLabel('Resolution reason').locator('option', { hasText: 'Resolved on call' }).waitFor({
    state: 'attached',
  });
  await form.getByLabel('Resolution reason').selectOption({ label: 'Resolved on call' });
  assert.equal(await send.isDisabled(), true, 'the answer is required');
  const answer = 'In stock; ships Friday.';
  await form.getByLabel(/Purchasing’s answer/).fill(answer);
  assert.deepEqual(await audit(page), [], 'purchasing complete form');
  await screenshot(page, 'purchasing-answer');
  await send.click();
  await page.getByText('Answer sent; request completed.').waitFor();
  const timeline = pane.getByRole('region', { name: 'Job J-100160' });
  await timeline.getByText(`sent to Harper Scott): ${answer}`, { exact: false }).waitFor();
  assert.deepEqual(errors, []);
  await page.context().close();

  // The built-in mailbox (no SMTP configured) holds the mail to the person who asked.
  const admin = await openPage(browser, server.url);
  await signIn(admin.page, 'admin@demo.test');
  const subject = 'Purchasing answered your request (job J-100160, order PO-5521)';
  // The outbox runner keeps the mail (with its MIME source) shortly after the commit: wait for it.
  type Mailbox = { items: Array<{ subject: string; to: string; status: string; raw: string | null }> };
  const isKept = async () =>
    (await apiCall<Mailbox>(admin.page, 'GET', '/api/mailbox')).items.some(
      (m) => m.subject === subject && m.status === 'kept',
    );
  for (let i = 0; i < 120 && !(await isKept()); i++) await admin.page.waitForTimeout(500);
  await admin.page.goto('/admin/mailbox');
  const item = admin.page.getByRole('listitem').filter({ hasText: subject });
  await item.getByText('to tier2@demo.test').waitFor();
  const kept = (await apiCall<Mailbox>(admin.page, 'GET', '/api/mailbox')).items.find(
    (m) => m.subject === subject,
  );
  assert.equal(kept?.to, 'tier2@demo.test');
  // Quoted-printable soft line breaks (`=` at a line's end) may split the text.
  const body = kept?.raw?.replace(/=\r?\n/g, '') ?? 'not kept';
  assert.ok(body.includes(`Answer: ${answer}`), body);
  assert.deepEqual(admin.errors, []);
  await admin.context.close();
});

test('the Tier 3 fairness report shows assignments per associate and a plain-words verdict', async () => {
  const { page } = await openPage(browser, server.url);
  await signIn(page, 'tier2@demo.test');
  for (const job of ['J-100170', 'J-100180', 'J-100190']) {
    await apiCall(page, 'POST', '/api/tasks', {
      type: 'tier3',
      jobNumber: job,
      details: 'Research the claim.',
    });
  }
  await page.context().close();

  const lead = await openPage(browser, server.url);
  await signIn(lead.page, 'supervisor.east@demo.test');
  await lead.page.goto('/reports?name=tier3-assignments');
  await lead.page.getByRole('heading', { name: 'Tier 3 assignments per associate', exact: true }).waitFor();
  const table = lead.page.getByRole('table');
  await table.getByRole('columnheader', { name: 'Expected if even' }).waitFor();
  const summary = table.getByRole('row').filter({ hasText: 'All associates' });
  await summary.getByText(/consistent with even assignment|uneven, p|too few/).waitFor();
  assert.match((await summary.textContent()) ?? '', /All associates3/);
  for (const name of ['Rowan Blake', 'Emery Cole'])
    await table.getByRole('row').filter({ hasText: name }).waitFor();
  await screenshot(lead.page, 'report-tier3-fairness');
  const csv = lead.page.getByRole('link', { name: 'Download CSV' });
  assert.match((await csv.getAttribute('href')) ?? '', /^\/api\/reports\/tier3-assignments\.csv/);
  assert.deepEqual(await audit(lead.page), [], 'fairness report');
  assert.deepEqual(lead.errors, []);
  await lead.context.close();
});
