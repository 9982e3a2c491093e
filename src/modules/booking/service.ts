import type { Deps } from '../../deps.ts';
import { invalid, notFound } from '../../lib/errors.ts';
import { assertPlainDate, assertTimeZone, describeAvailability } from './availability.ts';
import { spanToHorizon } from './horizon.ts';
import { loadGuidelines } from '../guidelines/service.ts';
import { loadDeskRules } from './desk-rules.ts';
import * as repo from './repo.ts';

const dayMs = 86_400_000;
/** A horizon is at most 365 days (the sites table's check); its dates in a zone can be one more. */
export const maxAvailabilityDays = 366;

/**
 * Open windows of a site's desk for `days` dates from `from` (all dates up to the site's booking
 * horizon when `days` is left out, cut at it when asked past it), in the customer's zone `tz`,
 * without the windows that touch the customer's quiet hours.
 */
export async function listSiteAvailability(
  deps: Pick<Deps, 'db' | 'clock'>,
  slug: string,
  query: { from: string; days?: number; tz: string },
) {
  const tz = assertTimeZone(query.tz);
  const first = assertPlainDate(query.from);
  if (
    query.days !== undefined &&
    (!Number.isInteger(query.days) || query.days < 1 || query.days > maxAvailabilityDays)
  ) {
    throw invalid(`days must be between 1 and ${maxAvailabilityDays}`);
  }
  const site = await repo.findSiteBySlug(deps.db, slug);
  if (!site) throw notFound('site', slug);
  const now = deps.clock.now();
  const span = spanToHorizon({ horizonDays: site.booking_horizon_days }, now, { ...query, tz });
  const fromMs = first.toZonedDateTime({ timeZone: tz }).epochMilliseconds;
  // The windows are shown in the customer's zone, so their quiet hours are hidden there.
  const { quietHours } = await loadGuidelines(deps.db);
  const rules = await loadDeskRules(deps.db, site, fromMs - dayMs, fromMs + (span.days + 1) * dayMs);
  return {
    siteSlug: site.slug,
    siteTimeZone: site.time_zone,
    timeZone: tz,
    windowMinutes: site.window_minutes,
    horizonDays: site.booking_horizon_days,
    lastBookableDate: span.lastBookableDate,
    isClippedToHorizon: span.isClipped,
    quietHours,
    days: describeAvailability(rules, { from: query.from, days: span.days, tz, now, quietHours }),
  };
}
