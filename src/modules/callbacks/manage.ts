import { Temporal } from 'temporal-polyfill';
import type { Deps } from '../../deps.ts';
import { notFound } from '../../lib/errors.ts';
import { appointmentView } from '../booking/appointment-view.ts';
import { readManageToken, rescheduleLinkFor } from '../booking/manage-token.ts';
import * as appointments from '../booking/appointments.ts';
import { listSiteAvailability } from '../booking/service.ts';
import { cancelAppointment } from './cancel.ts';
import { rescheduleAppointment } from './reschedule.ts';

/**
 * What the customer's manage page shows: their callback and, while it can be moved or booked
 * again, the days up to the site's booking horizon that have open windows (in the customer's zone,
 * without their quiet hours, as staff availability offers them). A cancelled callback whose
 * escalation was booked again points at the new one instead.
 */
export async function describeManagedAppointment(deps: Deps, token: string) {
  const id = readManageToken(deps.config, token, deps.clock.now());
  const row = await appointments.findAppointment(deps.db, id);
  if (!row) throw notFound('callback');
  const zone = row.customer_time_zone;
  const rebookedId =
    row.status === 'cancelled'
      ? await appointments.findBookedAppointmentId(deps.db, row.escalation_id)
      : null;
  const rebooked = rebookedId ? await appointments.findAppointment(deps.db, rebookedId) : undefined;
  const isOpenToChoose = row.status === 'booked' || (row.status === 'cancelled' && !rebooked);
  const today = Temporal.Instant.fromEpochMilliseconds(deps.clock.now().getTime()).toZonedDateTimeISO(zone);
  const availability = isOpenToChoose
    ? await listSiteAvailability(deps, row.site_slug, { from: today.toPlainDate().toString(), tz: zone })
    : null;
  return {
    appointment: appointmentView(row),
    desk: row.site_name,
    start: new Date(row.starts_at),
    end: new Date(row.ends_at),
    days: (availability?.days ?? []).filter((day) => day.windows.length > 0),
    lastBookableDate: availability?.lastBookableDate ?? null,
    rebooked: rebooked
      ? {
          start: new Date(rebooked.starts_at),
          end: new Date(rebooked.ends_at),
          managePath: new URL(rescheduleLinkFor(deps.config, rebooked)).pathname,
        }
      : null,
  };
}

export type ManagedAppointment = Awaited<ReturnType<typeof describeManagedAppointment>>;

export async function rescheduleByToken(deps: Deps, token: string, start: string) {
  const id = readManageToken(deps.config, token, deps.clock.now());
  return rescheduleAppointment(deps, { customer: true }, id, start);
}

export async function cancelByToken(deps: Deps, token: string) {
  const id = readManageToken(deps.config, token, deps.clock.now());
  return cancelAppointment(deps, { customer: true }, id);
}
