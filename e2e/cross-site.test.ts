// Another site the signed-in agent visits (here: another port of the same host, so the browser
// still sends the SameSite=Lax session cookie) submits a text/plain form that would cancel a
// callback. The real browser's headers must get it refused, while the app's own changes work.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, test } from 'node:test';
import { apiCall, launchBrowser, openPage, signIn, startServer } from './harness.ts';
import { bookCallback } from './setup.ts';

const server = await startServer();
const browser = await launchBrowser();

/** A page on another origin that posts a JSON-looking text/plain form to `target` on load. */
async function startAttackerSite(target: string): Promise<string> {
  const page = `<!doctype html><html><body>
<form method="post" action="${target}" enctype="text/plain">
<input name='{"reason":"' value='x"}'></form>
<script>document.forms[0].submit()</script></body></html>`;
  const attacker = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html' }).end(page);
  });
  await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
  after(() => new Promise<void>((resolve) => attacker.close(() => resolve())));
  return `http://127.0.0.1:${(attacker.address() as AddressInfo).port}/`;
}

test('a form on another site cannot cancel a callback through the session cookie', async () => {
  const booked = await bookCallback(browser, server.url, 'J-100160');
  const agent = await openPage(browser, server.url);
  await signIn(agent.page, 'agent.east@demo.test');
  type View = { appointments: Array<{ id: string; status: string; escalationId: string }> };
  const appointmentOf = async () =>
    (await apiCall<View>(agent.page, 'GET', `/api/customers/${booked.customerId}/view`)).appointments.find(
      (a) => a.escalationId === booked.escalationId,
    )!;
  const appointment = await appointmentOf();
  assert.equal(appointment.status, 'booked');

  const attackerUrl = await startAttackerSite(`${server.url}/api/appointments/${appointment.id}/cancel`);
  const refused = agent.page.waitForResponse((r) => r.url().endsWith(`/${appointment.id}/cancel`));
  await agent.page.goto(attackerUrl);
  const response = await refused;
  // The attack is real: the browser sent the session cookie along (same site, another origin).
  const sent = await response.request().allHeaders();
  assert.match(sent.cookie ?? '', /ed_session=/);
  assert.equal(sent['sec-fetch-site'], 'same-site');
  assert.equal(response.status(), 403);
  assert.equal((await response.json()).code, 'cross_origin');
  assert.equal((await appointmentOf()).status, 'booked', 'the callback is still booked');
});
