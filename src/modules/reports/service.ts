import { Temporal } from 'temporal-polyfill';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../../http/auth.ts';
import { invalid, notFound } from '../../lib/errors.ts';
import { findSite } from '../admin/sites.ts';
import { reports, snapshotReports } from './registry.ts';
import type { Column, Row, TaskQuery } from './report.ts';

export type ReportResult = {
  name: string;
  title: string;
  description: string;
  from: string;
  to: string;
  site: string | null;
  columns: Column[];
  rows: Row[];
  /** Per row, the task queries that open what its counts counted (by column key). */
  links: Record<string, TaskQuery>[];
};

const defaultDays = 30;
const maxDays = 400;
const datePattern = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A bound of the period: an ISO instant with offset, or a date (`YYYY-MM-DD`) meaning the start of
 * that day in the site's time zone (UTC without a site). `to` as a date includes that whole day.
 */
function parseBound(value: string, field: 'from' | 'to', timeZone: string): Date {
  try {
    if (datePattern.test(value)) {
      const day = Temporal.PlainDate.from(value, { overflow: 'reject' });
      const start = field === 'to' ? day.add({ days: 1 }) : day;
      return new Date(start.toZonedDateTime({ timeZone }).epochMilliseconds);
    }
    return new Date(Temporal.Instant.from(value).epochMilliseconds);
  } catch {
    throw invalid(`${field}: "${value}" is neither a date (YYYY-MM-DD) nor a time with an offset`, { field });
  }
}

/** The period asked for, by default the last 30 days up to now (all time for snapshot reports). */
function resolvePeriod(name: string, now: Date, timeZone: string, from?: string, to?: string) {
  const end = to ? parseBound(to, 'to', timeZone) : now;
  const start = from
    ? parseBound(from, 'from', timeZone)
    : snapshotReports.has(name)
      ? new Date(0)
      : new Date(end.getTime() - defaultDays * 86_400_000);
  if (start >= end) throw invalid('from must be before to', { field: 'from' });
  if (from && end.getTime() - start.getTime() > maxDays * 86_400_000) {
    throw invalid(`a report covers at most ${maxDays} days`, { field: 'from' });
  }
  return { start, end };
}

/** Runs a named report for the Leadership Desk and admins; an unknown name is a 404. */
export async function runReport(
  deps: Pick<Deps, 'db' | 'clock'>,
  _actor: Actor,
  input: { name: string; from?: string; to?: string; site?: string },
): Promise<ReportResult> {
  const report = reports.get(input.name);
  if (!report) throw notFound('report', input.name);
  const site = input.site ? await findSite(deps, input.site) : undefined;
  if (input.site && !site) throw notFound('site', input.site);
  const now = deps.clock.now();
  const { start, end } = resolvePeriod(report.name, now, site?.timeZone ?? 'UTC', input.from, input.to);
  const params = { from: start, to: end, siteId: site?.id ?? null, now };
  const rows = await report.run(deps.db, params);
  const ordered = rows.map((row) =>
    Object.fromEntries(report.columns.map((c) => [c.key, row[c.key] ?? null])),
  );
  return {
    name: report.name,
    title: report.title,
    description: report.description,
    from: start.toISOString(),
    to: end.toISOString(),
    site: site?.slug ?? null,
    columns: report.columns,
    rows: ordered,
    links: rows.map((row) => report.taskLinks?.(row, { ...params, site: site?.slug ?? null }) ?? {}),
  };
}

export function listReports() {
  return [...reports.values()].map((r) => ({
    name: r.name,
    title: r.title,
    description: r.description,
    columns: r.columns,
  }));
}
