import { asSystem } from '../../db/row-security.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { Deps } from '../../deps.ts';
import { appointmentView, mailAppointmentOf } from '../booking/appointment-view.ts';
import { composeAppointmentMail, describeWindowIn } from '../booking/confirmation.ts';
import * as appointments from '../booking/appointments.ts';
import { addJobNote } from '../jobs/notes.ts';
import { enqueueMail } from '../mail/outbox.ts';
import { completeTaskBySystem } from './complete.ts';
import { announce, byId, byName, type ChangedBy, jobIdOf, lockBooked } from './change-common.ts';

/**
 * Cancels a booked callback: its place is given back, the appointment is marked cancelled
 * (SEQUENCE + 1, STATUS:CANCELLED on the desk feed), the Call Back exception is closed, the task is
 * completed as cancelled, the job is noted and the customer gets a METHOD:CANCEL invite.
 */
export async function cancelAppointment(deps: Deps, by: ChangedBy, appointmentId: string) {
  return inTransaction(deps.db, async (tx) => {
    const current = await lockBooked(tx, by, appointmentId);
    const now = deps.clock.now();
    await appointments.cancelBookedAppointment(tx, current, now);
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
    const row = (await appointments.findAppointment(tx, appointmentId))!;
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
