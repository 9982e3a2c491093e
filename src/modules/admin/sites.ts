import { randomBytes } from 'node:crypto';
import { inTransaction } from '../../db/transaction.ts';
import type { Deps } from '../../deps.ts';
import { AppError, invalid, notFound } from '../../lib/errors.ts';
import { canonicalTimeZone } from '../../lib/time-zones.ts';
import { publishEvent } from '../events/publish.ts';
import * as repo from './org-repo.ts';

export type SiteSettings = {
  transferThresholdSeconds?: number;
  windowMinutes?: number;
  bookingHorizonDays?: number;
  minNoticeMinutes?: number;
  callbacksPerMember?: number;
};

/** The admin view of a site; the feed URL carries the secret token calendar clients subscribe with. */
export function describeSite(deps: Pick<Deps, 'config'>, row: repo.SiteRow) {
  const { calendarToken, ...site } = row;
  const feed = `${deps.config.publicUrl}/api/sites/${encodeURIComponent(row.slug)}/calendar.ics`;
  return { ...site, calendarFeedUrl: `${feed}?token=${encodeURIComponent(calendarToken)}` };
}

/** The zone in its canonical spelling; a 400 naming the field when it is not an IANA zone. */
function checkTimeZone<T extends string | undefined>(timeZone: T): T {
  if (timeZone === undefined) return timeZone;
  const canonical = canonicalTimeZone(timeZone);
  if (!canonical) {
    throw invalid(`timeZone: ${timeZone} is not an IANA time zone (for example America/New_York)`, {
      field: 'timeZone',
    });
  }
  return canonical as T;
}

function settingColumns(input: SiteSettings): repo.SiteColumns {
  return {
    transfer_threshold_seconds: input.transferThresholdSeconds,
    window_minutes: input.windowMinutes,
    booking_horizon_days: input.bookingHorizonDays,
    min_notice_minutes: input.minNoticeMinutes,
    callbacks_per_member: input.callbacksPerMember,
  };
}

/** A site by slug with its id and time zone, for other features (reports); undefined if unknown. */
export async function findSite(deps: Pick<Deps, 'db'>, slug: string) {
  const row = await repo.findSiteBySlug(deps.db, slug);
  return row && { id: row.id, slug: row.slug, timeZone: row.timeZone };
}

export async function listAdminSites(deps: Pick<Deps, 'db' | 'config'>) {
  return (await repo.listSites(deps.db)).map((row) => describeSite(deps, row));
}

export async function createSite(
  deps: Pick<Deps, 'db' | 'config'>,
  input: SiteSettings & { slug: string; name: string; timeZone: string },
) {
  const timeZone = checkTimeZone(input.timeZone);
  const row = await inTransaction(deps.db, async (tx) => {
    if (await repo.findSiteBySlug(tx, input.slug)) {
      throw new AppError('conflict', `a site with the slug ${input.slug} already exists`, { field: 'slug' });
    }
    await repo.insertSite(tx, {
      slug: input.slug,
      name: input.name,
      time_zone: timeZone,
      ...settingColumns(input),
    });
    return (await repo.findSiteBySlug(tx, input.slug))!;
  });
  return describeSite(deps, row);
}

/** Changes a site's name, zone or desk settings; `rotateCalendarToken` invalidates the old feed URL. */
export async function updateSite(
  deps: Pick<Deps, 'db' | 'config'>,
  slug: string,
  input: SiteSettings & { name?: string; timeZone?: string; rotateCalendarToken?: true },
) {
  const timeZone = checkTimeZone(input.timeZone);
  const row = await deps.db.transaction().execute(async (tx) => {
    const patch: repo.SiteColumns = { name: input.name, time_zone: timeZone, ...settingColumns(input) };
    if (input.rotateCalendarToken) patch.calendar_token = randomBytes(24).toString('hex');
    if (!(await repo.updateSite(tx, slug, patch))) throw notFound('site', slug);
    const site = (await repo.findSiteBySlug(tx, slug))!;
    // The desk's screens use the threshold and window live; the feed token stays out of events.
    const data = {
      slug: site.slug,
      name: site.name,
      timeZone: site.timeZone,
      transferThresholdSeconds: site.transferThresholdSeconds,
      windowMinutes: site.windowMinutes,
      bookingHorizonDays: site.bookingHorizonDays,
    };
    await publishEvent(tx, { type: 'site.updated', siteId: site.id, data });
    await publishEvent(tx, { type: 'site.updated', roles: ['admin'], data });
    return site;
  });
  return describeSite(deps, row);
}
