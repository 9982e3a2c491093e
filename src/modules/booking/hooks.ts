import type { Db } from '../../db/client.ts';
import type { Deps } from '../../deps.ts';

/** What happened to an appointment, told to other features inside the change's transaction. */
export type AppointmentChange = {
  kind: 'booked' | 'rescheduled' | 'cancelled';
  appointmentId: string;
  taskId: string | null;
  start: Date;
  end: Date;
  previousStart?: Date;
  customerTimeZone: string;
  /** Who made the change: a staff user id, or null for the customer through their link. */
  byUserId: string | null;
};

export type AppointmentHook = (deps: Deps, tx: Db, change: AppointmentChange) => Promise<void>;

const hooks: AppointmentHook[] = [];

/**
 * Lets another feature (contact promises) follow bookings, reschedules and cancellations in the
 * same transaction, without booking knowing about it. Register once at start-up.
 */
export function addAppointmentHook(hook: AppointmentHook) {
  if (!hooks.includes(hook)) hooks.push(hook);
}

export async function runAppointmentHooks(deps: Deps, tx: Db, change: AppointmentChange) {
  for (const hook of hooks) await hook(deps, tx, change);
}
