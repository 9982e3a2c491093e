import type { Db } from '../../db/client.ts';
import { asSystem } from '../../db/row-security.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../../http/auth.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { publishEvent } from '../events/publish.ts';
import { addJobNote } from '../jobs/notes.ts';
import { loadGuidelines } from '../promises/guidelines.ts';
import { scheduleCallbackClock } from '../promises/schedule.ts';
import { completeTaskBySystem } from '../tasks/system-work.ts';
import { enqueueMail } from '../mail/outbox.ts';
import { enqueueWebhookEvent } from '../webhooks/outbox.ts';
import { appointmentView, appointmentWebhookData, mailAppointmentOf } from './book.ts';
import { composeAppointmentMail, describeWindowIn } from './confirmation.ts';
import { rescheduleLinkFor } from './manage-token.ts';
import * as repo from './repo.ts';
import { takePlace } from './take-place.ts';

/** Who changes an appointment: a signed-in staff member, or the customer through their link. */
export type ChangedBy = { actor: Actor } | { customer: true };

const byName = (by: ChangedBy) => ('actor' in by ? by.actor.name : 'the customer');
const byId = (by: ChangedBy) => ('actor' in by ? by.actor.id : null);

/** The appointment locked; a staff member must reach it (the customer's link was checked by its signature). */
async function lockBooked(tx: Db, by: ChangedBy, appointmentId: string) {
  const actor = 'actor' in by ? by.actor : undefined;
  const row = await repo.findAppointment(tx, appointmentId, { lock: true, actor });
  if (!row) throw notFound('appointment', appointmentId);
  if (row.status !== 'booked') {
    throw new AppError('invalid_transition', `this callback is ${row.status}; it can no longer be changed`);
  }
  return row;
}

async function announce(tx: Db, row: repo.AppointmentRow, kind: 'rescheduled' | 'cancelled', now: Date) {
  await enqueueWebhookEvent(tx, {
    type: `appointment.${kind}`,
    record: { kind: 'appointment', id: row.id },
    at: now,
    data: appointmentWebhookData(row, kind === 'cancelled' ? 'cancelled' : 'booked'),
  });
  await publishEvent(tx, {
    type: `appointment.${kind}`,
    siteId: row.site_id,
    roles: ['supervisor', 'lead', 'sme'],
    data: { appointmentId: row.id, start: new Date(row.starts_at).toISOString(), taskId: row.task_id },
  });
}

/**
 * Moves a booked callback to another open window of the same desk: the new place is taken before
 * the old one is given back, the appointment keeps its id (same calendar UID, SEQUENCE + 1) and its
 * task (due time moved), the job is noted, and the customer gets an updated invite.
 * A rebooking after a missed callback is the same operation: the task continues.
 */
export async function rescheduleAppointment(deps: Deps, by: ChangedBy, appointmentId: string, start: string) {
  return inTransaction(deps.db, async (tx) => {
    const current = await lockBooked(tx, by, appointmentId);
    const oldStart = new Date(current.starts_at);
    const site = await repo.findSiteById(tx, current.site_id);
    const now = deps.clock.now();
    if (Date.parse(start) === oldStart.getTime()) {
      throw new AppError('conflict', 'the callback is already booked in that window');
    }
    const { quietHours } = await loadGuidelines(tx);
    const window = await takePlace(tx, site, start, now, current.customer_time_zone, undefined, quietHours);
    await repo.releasePlace(tx, site.id, oldStart);
    await repo.moveAppointment(tx, appointmentId, new Date(window.startMs), new Date(window.endMs), now);
    // The same task continues: its due time, reminders and promises follow the new window. As the
    // owner: the task is a callback team's, out of reach of the site's agent who moves the callback.
    const taskId = current.task_id;
    if (taskId) {
      await asSystem(tx, (sys) =>
        scheduleCallbackClock(deps, sys, { taskId, appointment: { id: appointmentId } }),
      );
    }
    const row = (await repo.findAppointment(tx, appointmentId))!;
    const zone = row.customer_time_zone;
    const before = describeWindowIn(oldStart, new Date(current.ends_at), zone);
    const after = describeWindowIn(new Date(row.starts_at), new Date(row.ends_at), zone);
    await addJobNote(tx, {
      jobId: row.job_id ?? (await jobIdOf(tx, row)),
      authorId: byId(by),
      kind: 'callback.rescheduled',
      body:
        `Call Back rescheduled by ${byName(by)} from ${before.date} ${before.window} to ` +
        `${after.date} between ${after.window} (customer's time, ${zone}).`,
      details: { appointmentId, from: oldStart.toISOString(), to: new Date(row.starts_at).toISOString() },
    });
    if (row.customer_email) {
      const mail = composeAppointmentMail(
        deps.config,
        mailAppointmentOf(row),
        'rescheduled',
        rescheduleLinkFor(deps.config, row),
      );
      await enqueueMail(tx, mail, now);
    }
    await announce(tx, row, 'rescheduled', now);
    return appointmentView(row);
  });
}

/**
 * Cancels a booked callback: its place is given back, the appointment is marked cancelled
 * (SEQUENCE + 1, STATUS:CANCELLED on the desk feed), the Call Back exception is closed, the task is
 * completed as cancelled, the job is noted and the customer gets a METHOD:CANCEL invite.
 */
export async function cancelAppointment(deps: Deps, by: ChangedBy, appointmentId: string) {
  return inTransaction(deps.db, async (tx) => {
    const current = await lockBooked(tx, by, appointmentId);
    const now = deps.clock.now();
    await repo.releasePlace(tx, current.site_id, new Date(current.starts_at));
    await repo.cancelAppointmentRow(tx, appointmentId, now);
    const taskId = current.task_id;
    if (taskId) {
      // Completing the task closes its exception and stops its callback clock. As the owner: the
      // task is a callback team's, out of reach of the site's agent who cancels the callback.
      await asSystem(tx, (sys) =>
        completeTaskBySystem(deps, sys, taskId, {
          resolutionCode: 'customer_cancelled',
          note: `Callback cancelled by ${byName(by)}.`,
        }),
      );
    }
    if (current.exception_id) await repo.closeException(tx, current.exception_id, now);
    const row = (await repo.findAppointment(tx, appointmentId))!;
    const { date, window } = describeWindowIn(
      new Date(row.starts_at),
      new Date(row.ends_at),
      row.customer_time_zone,
    );
    await addJobNote(tx, {
      jobId: row.job_id ?? (await jobIdOf(tx, row)),
      authorId: byId(by),
      kind: 'callback.cancelled',
      body:
        `Call Back for ${date} between ${window} (customer's time) cancelled by ${byName(by)}; ` +
        'the Call Back exception is closed and its task completed.',
      details: { appointmentId, exceptionId: row.exception_id, taskId: row.task_id },
    });
    if (row.customer_email) {
      const mail = composeAppointmentMail(deps.config, mailAppointmentOf(row), 'cancelled', '');
      await enqueueMail(tx, mail, now);
    }
    await announce(tx, row, 'cancelled', now);
    return appointmentView(row);
  });
}

async function jobIdOf(tx: Db, row: repo.AppointmentRow): Promise<string> {
  const escalation = await tx
    .selectFrom('escalations')
    .select('job_id')
    .where('id', '=', row.escalation_id)
    .executeTakeFirstOrThrow();
  return escalation.job_id;
}
