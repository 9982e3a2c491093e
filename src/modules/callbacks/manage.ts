import { Temporal } from 'temporal-polyfill';
import type { Deps } from '../../deps.ts';
import { notFound } from '../../lib/errors.ts';
import { appointmentView } from '../booking/appointment-view.ts';
import { describeWindowIn } from '../booking/confirmation.ts';
import { readManageToken } from '../booking/manage-token.ts';
import * as repo from '../booking/repo.ts';
import { listSiteAvailability } from '../booking/service.ts';
import { cancelAppointment } from './cancel.ts';
import { rescheduleAppointment } from './reschedule.ts';

const offeredDays = 14;

/** What the customer's manage page shows: their callback and, while booked, the open windows. */
export async function describeManagedAppointment(deps: Deps, token: string) {
  const id = readManageToken(deps.config, token, deps.clock.now());
  const row = await repo.findAppointment(deps.db, id);
  if (!row) throw notFound('callback');
  const zone = row.customer_time_zone;
  const today = Temporal.Instant.fromEpochMilliseconds(deps.clock.now().getTime()).toZonedDateTimeISO(zone);
  const availability =
    row.status === 'booked'
      ? await listSiteAvailability(deps, row.site_slug, {
          from: today.toPlainDate().toString(),
          days: offeredDays,
          tz: zone,
        })
      : null;
  return {
    appointment: appointmentView(row),
    desk: row.site_name,
    when: describeWindowIn(new Date(row.starts_at), new Date(row.ends_at), zone),
    days: (availability?.days ?? []).filter((day) => day.windows.length > 0),
  };
}

export async function rescheduleByToken(deps: Deps, token: string, start: string) {
  const id = readManageToken(deps.config, token, deps.clock.now());
  return rescheduleAppointment(deps, { customer: true }, id, start);
}

export async function cancelByToken(deps: Deps, token: string) {
  const id = readManageToken(deps.config, token, deps.clock.now());
  return cancelAppointment(deps, { customer: true }, id);
}
