import { timingSafeEqual } from 'node:crypto';
import type { Deps } from '../../deps.ts';
import { notFound } from '../../lib/errors.ts';
import { parseMailbox } from '../mail/compose.ts';
import { buildDeskFeed } from './ical.ts';
import * as repo from './repo.ts';

const feedHistoryDays = 90;

function isSameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The URL a desk subscribes to in Outlook, Google or Apple Calendar (it carries the secret). */
export function calendarFeedUrl(
  config: Deps['config'],
  site: { slug: string; calendar_token: string },
): string {
  return `${config.publicUrl}/api/sites/${site.slug}/calendar.ics?token=${encodeURIComponent(site.calendar_token)}`;
}

/**
 * The desk's iCalendar feed. A wrong or missing token answers exactly like an unknown site, so the
 * feed's existence is not revealed.
 */
export async function renderDeskFeed(
  deps: Pick<Deps, 'db' | 'clock' | 'config'>,
  slug: string,
  token: string,
) {
  const site = await repo.findSiteBySlug(deps.db, slug);
  if (!site || !isSameSecret(token, site.calendar_token)) throw notFound('calendar feed');
  const since = new Date(deps.clock.now().getTime() - feedHistoryDays * 86_400_000);
  const rows = await repo.listDeskAppointments(deps.db, site.id, since);
  return buildDeskFeed(
    site.name,
    rows.map((row) => ({
      id: row.id,
      start: row.starts_at,
      end: row.ends_at,
      status: row.status,
      sequence: row.sequence,
      updatedAt: row.updated_at,
      summary: `${row.status === 'cancelled' ? 'Cancelled: ' : ''}Callback ${row.customer_name} (${row.job_number})`,
      description: [
        `Call ${row.customer_name} on ${row.customer_phone} within 5 minutes of the window start.`,
        `Job ${row.job_number}. Customer time zone: ${row.customer_time_zone}.`,
        `Escalation: ${row.summary}`,
      ].join('\n'),
    })),
    parseMailbox(deps.config.mailFrom),
  );
}
