import type { Db } from '../../db/client.ts';
import type { Actor } from '../../http/auth.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { appointmentWebhookData } from '../booking/appointment-view.ts';
import * as appointments from '../booking/appointments.ts';
import { findEscalationJobId } from '../escalations/service.ts';
import { publishEvent } from '../events/publish.ts';
import { enqueueWebhookEvent } from '../webhooks/outbox.ts';

/** Who changes an appointment: a signed-in staff member, or the customer through their link. */
export type ChangedBy = { actor: Actor } | { customer: true };

export const byName = (by: ChangedBy) => ('actor' in by ? by.actor.name : 'the customer');
export const byId = (by: ChangedBy) => ('actor' in by ? by.actor.id : null);

/** The appointment locked; a staff member must reach it (the customer's link was checked by its signature). */
export async function lockBooked(tx: Db, by: ChangedBy, appointmentId: string) {
  const actor = 'actor' in by ? by.actor : undefined;
  const row = await appointments.findAppointment(tx, appointmentId, { lock: true, actor });
  if (!row) throw notFound('appointment', appointmentId);
  if (row.status !== 'booked') {
    throw new AppError('invalid_transition', `this callback is ${row.status}; it can no longer be changed`);
  }
  return row;
}

export async function announce(
  tx: Db,
  row: appointments.AppointmentRow,
  kind: 'rescheduled' | 'cancelled',
  now: Date,
) {
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

/** The job an appointment is about (older appointments carry it on their escalation only). */
export function jobIdOf(tx: Db, row: appointments.AppointmentRow): Promise<string> {
  return findEscalationJobId(tx, row.escalation_id);
}
