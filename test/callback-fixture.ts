import { type Actor, findActorByEmail } from '../src/http/auth.ts';
import { book, escalationReadyToBook } from '../src/modules/booking/test-helpers.ts';
import type { TestContext } from './context.ts';

/** The actor of a demo user, as services see them. */
export async function actorOf(ctx: TestContext, email: string): Promise<Actor> {
  const actor = await findActorByEmail(ctx.db, email);
  if (!actor) throw new Error(`no active user ${email}`);
  return actor;
}

/** Callbacks each east desk member takes per window once `openEastDeskForTests` ran (demo: 1). */
export const callbacksPerMemberForTests = 50;
/** The evening desk hours added for every east desk member (site time), Monday to Saturday. */
const evening = { start: '17:00', end: '21:00', weekdays: [1, 2, 3, 4, 5, 6] };

const openedDesks = new WeakMap<TestContext, Promise<void>>();

/**
 * Makes the east desk take the callbacks the clock tests book, as an admin would, through the
 * admin API, once per test context: `PATCH /api/admin/sites/east` raises the callbacks per member
 * per window from 1 to `callbacksPerMemberForTests` (tests book many callbacks in one window), and
 * `POST /api/admin/schedules` gives every east desk member (those with weekly hours) evening hours
 * 17:00–21:00 site time, Monday to Saturday (tests book 20:00 and 20:30 New York on a Thursday,
 * and 20:30 EDT on the Saturday before the fall-back night). 21:00 is where the customer's quiet
 * hours begin, so no later window could be booked anyway. The demo's weekday 08:00–17:00 hours,
 * the 30-minute windows, the 30-day horizon and the 30 minutes of notice stay as they are.
 */
export function openEastDeskForTests(ctx: TestContext): Promise<void> {
  let opened = openedDesks.get(ctx);
  if (!opened) {
    opened = openEastDesk(ctx);
    openedDesks.set(ctx, opened);
    // A failed set-up is not remembered: the next booking tries again (and fails loudly again).
    opened.catch(() => openedDesks.delete(ctx));
  }
  return opened;
}

async function openEastDesk(ctx: TestContext) {
  const admin = ctx.as('admin@demo.test');
  const site = await admin.patch('/api/admin/sites/east', { callbacksPerMember: callbacksPerMemberForTests });
  if (site.status !== 200) throw new Error(`site settings failed: ${JSON.stringify(site.body)}`);
  const schedules = await admin.get('/api/admin/schedules?site=east');
  if (schedules.status !== 200) throw new Error(`schedules failed: ${JSON.stringify(schedules.body)}`);
  const members = [...new Set((schedules.body.items as { userId: string }[]).map((s) => s.userId))];
  if (!members.length) throw new Error('the east desk has no members with weekly hours');
  for (const userId of members) {
    for (const weekday of evening.weekdays) {
      const added = await admin.post('/api/admin/schedules', {
        siteSlug: 'east',
        userId,
        weekday,
        start: evening.start,
        end: evening.end,
      });
      if (added.status !== 201) throw new Error(`desk hours failed: ${JSON.stringify(added.body)}`);
    }
  }
}

/**
 * A callback booked through the product, over the API, as the east agent: an escalation of the job
 * (`escalationReadyToBook`: opened, callback permission asked, the east supervisor approves), then
 * `POST /api/sites/east/appointments` (`book`) for the window starting at `start`, the customer in
 * `timeZone` (New York unless told). Booking writes what it always writes: the appointment, the
 * Call Back exception and its routed task, the callback clock, the job notes, the escalation's
 * status, the confirmation mail, the live event and the webhook delivery. The east desk is first
 * opened for tests (`openEastDeskForTests`, once per context); `start` must still be the start of
 * a 30-minute window at least 30 minutes after the fake clock's now and within 30 days of it, on a
 * weekday 08:00–21:00 or a Saturday 17:00–21:00 New York time, outside the customer's quiet hours.
 */
export async function bookCallbackOverApi(
  ctx: TestContext,
  input: { jobNumber: string; start: string; timeZone?: string },
): Promise<{ taskId: string; appointmentId: string; exceptionId: string; escalationId: string }> {
  await openEastDeskForTests(ctx);
  const escalationId = await escalationReadyToBook(ctx, { jobNumber: input.jobNumber });
  const booked = await book(ctx, escalationId, input.start, input.timeZone ?? 'America/New_York');
  if (booked.status !== 201) {
    throw new Error(`booking ${input.start} failed (${booked.status}): ${JSON.stringify(booked.body)}`);
  }
  return {
    taskId: booked.body.task.id,
    appointmentId: booked.body.appointment.id,
    exceptionId: booked.body.exception.id,
    escalationId,
  };
}
