import type { Deps } from '../../deps.ts';
import { invalid, notFound } from '../../lib/errors.ts';
import { assertPlainDate, assertTimeZone, describeAvailability } from './availability.ts';
import { loadDeskRules } from './desk-rules.ts';
import * as repo from './repo.ts';

const dayMs = 86_400_000;
export const maxAvailabilityDays = 62;

/** Open windows of a site's desk for `days` dates from `from`, in the asked zone `tz`. */
export async function listSiteAvailability(
  deps: Pick<Deps, 'db' | 'clock'>,
  slug: string,
  query: { from: string; days: number; tz: string },
) {
  const tz = assertTimeZone(query.tz);
  const first = assertPlainDate(query.from);
  if (!Number.isInteger(query.days) || query.days < 1 || query.days > maxAvailabilityDays) {
    throw invalid(`days must be between 1 and ${maxAvailabilityDays}`);
  }
  const site = await repo.findSiteBySlug(deps.db, slug);
  if (!site) throw notFound('site', slug);
  const fromMs = first.toZonedDateTime({ timeZone: tz }).epochMilliseconds;
  const rules = await loadDeskRules(deps.db, site, fromMs - dayMs, fromMs + (query.days + 1) * dayMs);
  return {
    siteSlug: site.slug,
    siteTimeZone: site.time_zone,
    timeZone: tz,
    windowMinutes: site.window_minutes,
    days: describeAvailability(rules, { ...query, tz, now: deps.clock.now() }),
  };
}
