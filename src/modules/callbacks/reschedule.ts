import { asSystem } from '../../db/row-security.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { Deps } from '../../deps.ts';
import { AppError } from '../../lib/errors.ts';
import { appointmentView, mailAppointmentOf } from '../booking/appointment-view.ts';
import { composeAppointmentMail, describeWindowIn } from '../booking/confirmation.ts';
import { rescheduleLinkFor } from '../booking/manage-token.ts';
import * as appointments from '../booking/appointments.ts';
import { addJobNote } from '../jobs/notes.ts';
import { enqueueMail } from '../mail/outbox.ts';
import { loadGuidelines } from '../guidelines/service.ts';
import { scheduleCallbackClock } from '../promises/schedule.ts';
import { announce, byId, byName, type ChangedBy, jobIdOf, lockBooked } from './change-common.ts';

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
    const now = deps.clock.now();
    if (Date.parse(start) === oldStart.getTime()) {
      throw new AppError('conflict', 'the callback is already booked in that window');
    }
    const { quietHours } = await loadGuidelines(tx);
    await appointments.moveBookedAppointment(tx, current, start, now, quietHours);
    // The same task continues: its due time, reminders and promises follow the new window. As the
    // owner: the task is a callback team's, out of reach of the site's agent who moves the callback.
    const taskId = current.task_id;
    if (taskId) {
      await asSystem(tx, (sys) =>
        scheduleCallbackClock(deps, sys, { taskId, appointment: { id: appointmentId } }),
      );
    }
    const row = (await appointments.findAppointment(tx, appointmentId))!;
    const zone = row.customer_time_zone;
    const before = describeWindowIn(oldStart, new Date(current.ends_at), zone);
    const after = describeWindowIn(new Date(row.starts_at), new Date(row.ends_at), zone);
    await addJobNote(tx, {
      jobId: row.job_id ?? (await jobIdOf(tx, row)),
      authorId: byId(by),
      kind: 'callback.rescheduled',
      body:
        `Call Back rescheduled by ${byName(by)} from ${before.date} ${before.window} to ` +
        `${after.date} between ${after.window} (customer's time).`,
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
