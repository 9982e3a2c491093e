// Setup through the API for journeys that are not about it: a callback booked the way the agent
// console books it (escalation, permission approved by the supervisor, a window, the booking).
import type { Browser, Page } from 'playwright-core';
import { apiCall, openPage, signIn } from './harness.ts';

export type BookedCallback = {
  escalationId: string;
  start: string;
  taskId: string;
  customerId: string;
  customerEmail: string;
  /** Other open windows the same day or later (for rescheduling). */
  otherStarts: string[];
};

export async function bookCallback(
  browser: Browser,
  url: string,
  jobNumber: string,
): Promise<BookedCallback> {
  const agent = await openPage(browser, url);
  const supervisor = await openPage(browser, url);
  try {
    await signIn(agent.page, 'agent.east@demo.test');
    await signIn(supervisor.page, 'supervisor.east@demo.test');
    const job = await apiCall<{ customer: { id: string; email: string; timeZone: string } }>(
      agent.page,
      'GET',
      `/api/jobs/${jobNumber}`,
    );
    const escalation = await apiCall<{ id: string }>(agent.page, 'POST', '/api/escalations', {
      jobNumber,
      reasons: ['service_delay'],
      summary: 'Parts delayed twice; customer wants a supervisor to call back.',
    });
    const permission = await apiCall<{ id: string }>(
      agent.page,
      'POST',
      `/api/escalations/${escalation.id}/callback-permission`,
      {},
    );
    await apiCall(supervisor.page, 'POST', `/api/callback-permissions/${permission.id}/approve`, {});
    const zone = job.customer.timeZone;
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(new Date());
    const availability = await apiCall<{
      days: Array<{ windows: Array<{ start: string; remaining: number }> }>;
    }>(
      agent.page,
      'GET',
      `/api/sites/east/availability?from=${today}&days=14&tz=${encodeURIComponent(zone)}`,
    );
    const open = availability.days.flatMap((d) => d.windows).filter((w) => w.remaining > 0);
    if (open.length < 2) throw new Error('fewer than two open windows in the next 14 days');
    const response = await agent.page.request.post('/api/sites/east/appointments', {
      data: { escalationId: escalation.id, start: open[0]!.start, customerTimeZone: zone },
      headers: { 'Idempotency-Key': `e2e-${escalation.id}` },
    });
    if (response.status() !== 201)
      throw new Error(`booking failed: ${response.status()} ${await response.text()}`);
    const booked = (await response.json()) as { task: { id: string } };
    return {
      escalationId: escalation.id,
      start: open[0]!.start,
      taskId: booked.task.id,
      customerId: job.customer.id,
      customerEmail: job.customer.email,
      otherStarts: open.slice(1).map((w) => w.start),
    };
  } finally {
    await agent.context.close();
    await supervisor.context.close();
  }
}

type Mail = { to: string; subject: string; status: string; raw: string | null };

/** The manage link in a kept message (quoted-printable soft breaks and `=3D` undone). */
function manageLinkIn(raw: string): string | undefined {
  const text = raw.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
  return text.match(/https?:\/\/[^\s"'<>]+\/manage\/[^\s"'<>]+/)?.[0];
}

/** The path of the manage link mailed to `to`, read from the mailbox as the admin (waits for the outbox). */
export async function mailedManagePath(admin: Page, to: string): Promise<string> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const { items } = await apiCall<{ items: Mail[] }>(admin, 'GET', '/api/mailbox');
    const mail = items.find((m) => m.to.includes(to) && m.raw && manageLinkIn(m.raw));
    if (mail) {
      const link = new URL(manageLinkIn(mail.raw!)!);
      return link.pathname + link.search;
    }
    if (Date.now() > deadline)
      throw new Error(
        `no mail with a manage link for ${to}: ${JSON.stringify(items.map((m) => [m.to, m.subject, m.status]))}`,
      );
    await new Promise((r) => setTimeout(r, 500));
  }
}
