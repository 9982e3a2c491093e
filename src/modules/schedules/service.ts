import type { Db } from '../../db/client.ts';
import type { Deps } from '../../deps.ts';
import { AppError, invalid, notFound } from '../../lib/errors.ts';
import * as repo from './repo.ts';

/** Roles that staff a Leadership Desk and so may have a schedule. */
const deskRoles = new Set(['supervisor', 'lead', 'sme']);

/** "08:30" → 510; "24:00" is the end of the day. */
export function parseClock(value: string, what: string): number {
  const match = /^(\d{2}):(\d{2})$/.exec(value);
  const minutes = match ? Number(match[1]) * 60 + Number(match[2]) : Number.NaN;
  if (!match || Number(match[2]) > 59 || minutes > 1440)
    throw invalid(`${what}: "${value}" is not a time HH:MM`);
  return minutes;
}

export function formatClock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

async function requireSite(db: Db, slug: string) {
  const site = await repo.findSiteBySlug(db, slug);
  if (!site) throw notFound('site', slug);
  return site;
}

async function requireDeskMember(db: Db, userId: string) {
  const user = await repo.findUser(db, userId);
  if (!user) throw notFound('user', userId);
  if (!deskRoles.has(user.role)) {
    throw new AppError(
      'unprocessable',
      `${user.name} is a ${user.role}; only supervisors, leads and SMEs staff the desk`,
    );
  }
  return user;
}

function hoursOf(start: string, end: string) {
  const startMinute = parseClock(start, 'start');
  const endMinute = parseClock(end, 'end');
  if (endMinute <= startMinute) throw invalid(`end ${end} must be after start ${start}`);
  return { startMinute, endMinute };
}

const scheduleView = (row: Awaited<ReturnType<typeof repo.listSchedules>>[number]) => ({
  id: row.id,
  userId: row.user_id,
  userName: row.user_name,
  weekday: row.weekday,
  start: formatClock(row.start_minute),
  end: formatClock(row.end_minute),
});

const exceptionView = (row: Awaited<ReturnType<typeof repo.listExceptions>>[number]) => ({
  id: row.id,
  userId: row.user_id,
  userName: row.user_name,
  date: row.date,
  kind: row.kind,
  start: row.start_minute === null ? null : formatClock(row.start_minute),
  end: row.end_minute === null ? null : formatClock(row.end_minute),
  note: row.note,
});

/** A site's weekly desk hours and dated exceptions, as admins edit them. */
export async function describeSchedules(deps: Pick<Deps, 'db'>, siteSlug: string) {
  const site = await requireSite(deps.db, siteSlug);
  const [items, exceptions] = await Promise.all([
    repo.listSchedules(deps.db, site.id),
    repo.listExceptions(deps.db, site.id),
  ]);
  return {
    siteSlug: site.slug,
    timeZone: site.time_zone,
    items: items.map(scheduleView),
    exceptions: exceptions.map(exceptionView),
  };
}

export async function addSchedule(
  deps: Pick<Deps, 'db'>,
  input: { siteSlug: string; userId: string; weekday: number; start: string; end: string },
) {
  const site = await requireSite(deps.db, input.siteSlug);
  await requireDeskMember(deps.db, input.userId);
  const id = await repo.insertSchedule(deps.db, {
    siteId: site.id,
    userId: input.userId,
    weekday: input.weekday,
    ...hoursOf(input.start, input.end),
  });
  return (await describeSchedules(deps, site.slug)).items.find((item) => item.id === id)!;
}

export async function changeSchedule(
  deps: Pick<Deps, 'db'>,
  id: string,
  input: { weekday?: number; start?: string; end?: string },
) {
  const current = await repo.findSchedule(deps.db, id);
  if (!current) throw notFound('schedule', id);
  const hours = hoursOf(
    input.start ?? formatClock(current.start_minute),
    input.end ?? formatClock(current.end_minute),
  );
  await repo.updateSchedule(deps.db, id, {
    weekday: input.weekday ?? current.weekday,
    start_minute: hours.startMinute,
    end_minute: hours.endMinute,
  });
  const site = await deps.db
    .selectFrom('sites')
    .select('slug')
    .where('id', '=', current.site_id)
    .executeTakeFirstOrThrow();
  return (await describeSchedules(deps, site.slug)).items.find((item) => item.id === id)!;
}

export async function removeSchedule(deps: Pick<Deps, 'db'>, id: string) {
  if (!(await repo.deleteSchedule(deps.db, id))) throw notFound('schedule', id);
}

export async function addScheduleException(
  deps: Pick<Deps, 'db'>,
  input: {
    siteSlug: string;
    userId?: string | null;
    date: string;
    kind: 'off' | 'extra';
    start?: string;
    end?: string;
    note?: string;
  },
) {
  const site = await requireSite(deps.db, input.siteSlug);
  if (input.userId) await requireDeskMember(deps.db, input.userId);
  if (input.kind === 'extra' && !input.userId) throw invalid('extra hours need a userId');
  if ((input.start === undefined) !== (input.end === undefined))
    throw invalid('give both start and end, or neither');
  if (input.kind === 'extra' && input.start === undefined) throw invalid('extra hours need start and end');
  if (Number.isNaN(Date.parse(`${input.date}T00:00:00Z`)))
    throw invalid(`date: "${input.date}" is not a real date`);
  const hours = input.start !== undefined ? hoursOf(input.start, input.end!) : null;
  const id = await repo.insertException(deps.db, {
    siteId: site.id,
    userId: input.userId ?? null,
    date: input.date,
    kind: input.kind,
    startMinute: hours?.startMinute ?? null,
    endMinute: hours?.endMinute ?? null,
    note: input.note ?? '',
  });
  return (await describeSchedules(deps, site.slug)).exceptions.find((item) => item.id === id)!;
}

export async function removeScheduleException(deps: Pick<Deps, 'db'>, id: string) {
  if (!(await repo.deleteException(deps.db, id))) throw notFound('schedule exception', id);
}

/**
 * The staffing that availability is computed from: active members' weekly hours and the dated
 * exceptions between two site-local dates. Booking calls this inside its transaction.
 */
export async function loadDeskStaffing(db: Db, siteId: string, fromDate: string, toDate: string) {
  return staffingFrom(await repo.loadStaffing(db, siteId, fromDate, toDate));
}

export type DeskStaffing = ReturnType<typeof staffingFrom>;

/** The staffing as availability reads it, from the two columns of `repo.staffingColumns`. */
export function staffingFrom(row: repo.StaffingRow) {
  return {
    schedules: (row.schedules ?? []).map((s) => ({
      userId: s.user_id,
      weekday: s.weekday,
      startMinute: s.start_minute,
      endMinute: s.end_minute,
    })),
    exceptions: (row.exceptions ?? []).map((e) => ({
      userId: e.user_id,
      date: e.date,
      kind: e.kind,
      startMinute: e.start_minute,
      endMinute: e.end_minute,
    })),
  };
}

/**
 * The desk booked on a site's page (by its slug) with its staffing between two site-local dates
 * (the window's capacity), in one statement; undefined when no site has the slug.
 */
export async function findDeskWithStaffing(db: Db, slug: string, fromDate: string, toDate: string) {
  const row = await repo.findSiteWithStaffing(db, slug, fromDate, toDate);
  if (!row) return undefined;
  const { schedules, exceptions, ...desk } = row;
  return { desk, staffing: staffingFrom({ schedules, exceptions }) };
}
