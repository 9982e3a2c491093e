// Forms for people (issue 12): pickers instead of codes, required fields marked, refusals in words
// beside the field, the creator told which team got the task; the console's search by a bare job
// number; the callback offer script and, after a denial, the next step with its buttons.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apiCall, audit, launchBrowser, openPage, screenshot, signIn, startServer } from './harness.ts';

const server = await startServer();
const browser = await launchBrowser();

test('Tier 2 creates a record with pickers, sees errors in words and the team named', async () => {
  const { page, errors } = await openPage(browser, server.url);
  await signIn(page, 'tier2@demo.test');
  await page.goto('/tasks');
  await page.getByRole('button', { name: 'New task' }).click();
  const form = page.getByRole('form', { name: 'New task' });
  const jobNumber = form.getByLabel('Job number');
  assert.equal(await jobNumber.getAttribute('aria-required'), 'true');

  // Nothing filled in: each required field says so beside it, and focus goes to the first.
  await form.getByRole('button', { name: 'Create task' }).click();
  await form.getByText('Job number is required.').waitFor();
  await form.getByText('Escalation reason is required.').waitFor();
  await form.getByText('Resolution is required.').waitFor();
  assert.equal(await jobNumber.getAttribute('aria-invalid'), 'true');
  assert.equal(await jobNumber.evaluate((el) => el === document.activeElement), true);
  assert.deepEqual(await audit(page), [], 'new task form with errors');
  // The reason is picked by its label: no codes, patterns or API field names on the form.
  const formText = (await form.textContent()) ?? '';
  assert.doesNotMatch(formText, /service_delay|escalationType|\[a-z0-9_\]|\^/);

  // A job number the server does not know: the refusal lands beside the job number, in words.
  await jobNumber.fill('J-999999');
  await form.getByLabel('Escalation reason').selectOption({ label: 'Service Delay' });
  await form.getByLabel('Resolution').fill('Expedited the part; the customer accepted the new date.');
  await form.getByRole('button', { name: 'Create task' }).click();
  await form.getByText('No job has this number. Check it and try again.').waitFor();

  await jobNumber.fill('J-100240');
  await form.getByRole('button', { name: 'Create task' }).click();
  await page.getByRole('heading', { name: 'Tier 2 record created', exact: true }).waitFor();
  await page
    .getByRole('status')
    .filter({ hasText: /went to the team Tier 2/ })
    .waitFor();
  assert.deepEqual(await audit(page), [], 'task created confirmation');
  await screenshot(page, 'new-task-team-named');
  await page.getByRole('button', { name: 'Open the task' }).click();
  const pane = page.getByRole('complementary', { name: 'Task details' });
  await pane.getByText('Service Delay', { exact: true }).waitFor();

  // A Tier 3 task goes to a team Tier 2 does not see: confirmed here, not opened.
  await page.getByRole('button', { name: 'New task' }).click();
  await form.getByLabel('Type').selectOption({ label: 'Tier 3 task' });
  await form.getByLabel('Job number').fill('J-100240');
  await form.getByLabel('Details').fill('Needs a Tier 3 review of the coverage decision.');
  await form.getByRole('button', { name: 'Create task' }).click();
  await page
    .getByRole('status')
    .filter({ hasText: /went to the team Tier 3/ })
    .waitFor();
  await page.getByText(/which you do not see/).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Open the task' }).count(), 0);
  await page.getByRole('button', { name: 'Done' }).click();

  // The unknown job was the one refusal expected.
  assert.deepEqual(
    errors.filter((e) => e !== 'HTTP 404 POST /api/tasks'),
    [],
  );
});

test('the agent finds a job by its bare number, reads the offer script and, denied, the next step', async () => {
  const agent = await openPage(browser, server.url);
  const { page } = agent;
  await signIn(page, 'agent.east@demo.test');
  const search = page.getByLabel('Job number, customer name or phone');
  // The example in the field finds something in the demo data.
  assert.match((await search.getAttribute('placeholder')) ?? '', /J-100100 or Garcia/);
  await search.fill('100240');
  await page.getByRole('button', { name: /J-100240/ }).click();
  await page.getByRole('checkbox', { name: 'Service Delay' }).check();
  await page.getByLabel('Summary for the Leadership Desk').fill('Part delayed twice; asks for a supervisor.');
  await page.getByRole('button', { name: 'Open escalation' }).click();
  await page.waitForURL(/escalation=/);
  const escalationId = new URL(page.url()).searchParams.get('escalation')!;

  // The transfer and its threshold have their own journey; here the agent asks straight away.
  const permission = await apiCall<{ id: string }>(
    page,
    'POST',
    `/api/escalations/${escalationId}/callback-permission`,
    {},
  );
  await page.goto(`/console?job=J-100240&escalation=${escalationId}&permission=${permission.id}`);
  await page
    .getByRole('heading', { name: 'Once approved, read this to the customer', exact: true })
    .waitFor();
  await page
    .getByText(/^Thank you for holding\. I apologize but my supervisor is currently unavailable/)
    .waitFor();
  assert.deepEqual(await audit(page), [], 'offer script while pending');
  await screenshot(page, 'agent-offer-script');

  const supervisor = await openPage(browser, server.url);
  await signIn(supervisor.page, 'supervisor.east@demo.test');
  await apiCall(supervisor.page, 'POST', `/api/callback-permissions/${permission.id}/deny`, {
    note: 'The desk is short today.',
  });
  await supervisor.context.close();

  // Live: the denial arrives with what to do next, in words and buttons.
  await page.getByText(/Denied by Sam Ortiz/).waitFor();
  await page.getByRole('heading', { name: 'What to do now', exact: true }).waitFor();
  await page.getByText(/Keep the customer on the transfer/).waitFor();
  await page.getByText(/Resolve it on the call/).waitFor();
  assert.equal(await page.getByText(/^Thank you for holding/).count(), 0, 'no offer after a denial');
  assert.deepEqual(await audit(page), [], 'denial next step');
  await screenshot(page, 'agent-denial-next-step');
  await page.getByRole('button', { name: 'Transfer to the Leadership Desk again' }).click();
  await page.getByRole('button', { name: 'Transfer to Leadership Desk' }).waitFor();
  assert.deepEqual(agent.errors, [], 'agent console errors');
});
