import type { Db } from '../../db/client.ts';
import type { QuietHours } from '../guidelines/quiet-hours.ts';
import type { Window } from './availability.ts';
import * as repo from './repo.ts';
import { takePlace } from './take-place.ts';

// Booking's appointment operations for the features that book and change callbacks. Each takes
// the caller's transaction and writes when it is called; the place counter of a window stays
// booking's business (a cancel gives the place back, a move takes the new one and gives the old).

export type { AppointmentRow, NewAppointment, NewAppointmentRow } from './repo.ts';

/**
 * Reads and writes of one appointment as they are: `findAppointment` (with `lock`, `actor`),
 * `findBookedAppointmentId` of an escalation, `findAppointmentBooker`, `insertAppointment` (written
 * before its exception and task) and `linkAppointment` (to them, once they exist), and
 * `isSecondBooking` (the database refused a second booked callback of one escalation).
 */
export {
  findAppointment,
  findAppointmentBooker,
  findBookedAppointmentId,
  insertAppointment,
  isSecondBooking,
  linkAppointment,
} from './repo.ts';

/**
 * For a feature whose records point at appointments (the callback clock, timers fired in a batch):
 * each appointment's window, status, site and customer zone, one query for all of them.
 */
export function findAppointmentTimes(db: Db, ids: readonly string[]) {
  return ids.length ? repo.listAppointmentTimes(db, ids) : Promise.resolve([]);
}
export type AppointmentTimes = Awaited<ReturnType<typeof repo.listAppointmentTimes>>[number];

/** What a change needs of the appointment it changes (the row as locked by `findAppointment`). */
type BookedAppointment = Pick<repo.AppointmentRow, 'id' | 'site_id' | 'starts_at' | 'customer_time_zone'>;

/**
 * Cancels a booked appointment in the caller's transaction: its place in the window is given back,
 * then the row is marked cancelled (SEQUENCE + 1, so calendars see the change).
 */
export async function cancelBookedAppointment(tx: Db, appointment: BookedAppointment, now: Date) {
  await repo.releasePlace(tx, appointment.site_id, new Date(appointment.starts_at));
  await repo.cancelAppointmentRow(tx, appointment.id, now);
}

/**
 * Moves a booked appointment to the window of its desk starting at `start`, in the caller's
 * transaction: the new place is taken first (refusals as `takePlace`: not a window, not bookable,
 * the customer's quiet hours, 409 `window_full`), so a full window leaves the old place held; then
 * the old place is given back and the row moved (same id, SEQUENCE + 1). Returns the new window.
 */
export async function moveBookedAppointment(
  tx: Db,
  appointment: BookedAppointment,
  start: string,
  now: Date,
  /** The callback guidelines' quiet hours, customer time. */
  quietHours: QuietHours,
): Promise<Window> {
  const site = await repo.findSiteById(tx, appointment.site_id);
  const window = await takePlace(tx, site, start, now, appointment.customer_time_zone, undefined, quietHours);
  await repo.releasePlace(tx, site.id, new Date(appointment.starts_at));
  await repo.moveAppointment(tx, appointment.id, new Date(window.startMs), new Date(window.endMs), now);
  return window;
}
