import type { Db } from '../../db/client.ts';
import type { SitesTable } from '../../db/schema.ts';
import { type DeskStaffing, loadDeskStaffing } from '../schedules/service.ts';
import type { DeskRules } from './availability.ts';
import * as repo from './repo.ts';

const dayMs = 86_400_000;
const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export type Site = { id: string; time_zone: string } & Pick<
  { [K in keyof SitesTable]: number },
  'window_minutes' | 'callbacks_per_member' | 'min_notice_minutes' | 'booking_horizon_days'
>;

/**
 * Everything availability needs for a site's windows starting in [fromMs, toMs), read from `db`.
 * With `withBooked: false` the places taken are left out (capacity only: booking's fast path).
 */
export async function loadDeskRules(
  db: Db,
  site: Site,
  fromMs: number,
  toMs: number,
  options: { withBooked?: boolean } = {},
): Promise<DeskRules> {
  const { fromDate, toDate } = staffingDates(fromMs, toMs);
  const staffing = await loadDeskStaffing(db, site.id, fromDate, toDate);
  const booked = options.withBooked === false ? [] : await loadBookedCounts(db, site.id, fromMs, toMs);
  return deskRulesFrom(site, staffing, booked);
}

/** The site-local dates whose staffing covers windows starting in [fromMs, toMs). */
export function staffingDates(fromMs: number, toMs: number) {
  // Site-local dates lie within a day of UTC ones; two days of margin covers every zone.
  return { fromDate: isoDate(fromMs - 2 * dayMs), toDate: isoDate(toMs + 2 * dayMs) };
}

export function deskRulesFrom(site: Site, staffing: DeskStaffing, booked: [number, number][]): DeskRules {
  return {
    siteZone: site.time_zone,
    windowMinutes: site.window_minutes,
    callbacksPerMember: site.callbacks_per_member,
    minNoticeMinutes: site.min_notice_minutes,
    horizonDays: site.booking_horizon_days,
    schedules: staffing.schedules,
    exceptions: staffing.exceptions,
    booked: new Map(booked),
  };
}

/** Places taken per window start (epoch ms) in [fromMs, toMs). */
export async function loadBookedCounts(db: Db, siteId: string, fromMs: number, toMs: number) {
  const rows = await repo.listBookedCounts(db, siteId, new Date(fromMs), new Date(toMs));
  return rows.map((row) => [new Date(row.starts_at).getTime(), row.booked] as [number, number]);
}
