import type { Db } from '../../db/client.ts';
import type { AssignmentStrategy, Role, TeamKind } from '../../db/schema.ts';

// Sites, teams and users as the admin screens see them.

function selectSites(db: Db) {
  return db
    .selectFrom('sites')
    .select([
      'id',
      'slug',
      'name',
      'time_zone as timeZone',
      'transfer_threshold_seconds as transferThresholdSeconds',
      'window_minutes as windowMinutes',
      'booking_horizon_days as bookingHorizonDays',
      'min_notice_minutes as minNoticeMinutes',
      'callbacks_per_member as callbacksPerMember',
      'calendar_token as calendarToken',
    ]);
}

export type SiteRow = NonNullable<Awaited<ReturnType<typeof findSiteBySlug>>>;

export function listSites(db: Db) {
  return selectSites(db).orderBy('slug').execute();
}

export function findSiteBySlug(db: Db, slug: string) {
  return selectSites(db).where('slug', '=', slug).executeTakeFirst();
}

export type SiteColumns = {
  name?: string;
  time_zone?: string;
  transfer_threshold_seconds?: number;
  window_minutes?: number;
  booking_horizon_days?: number;
  min_notice_minutes?: number;
  callbacks_per_member?: number;
  calendar_token?: string;
};

export async function insertSite(
  db: Db,
  row: SiteColumns & { slug: string; name: string; time_zone: string },
) {
  await db.insertInto('sites').values(row).execute();
}

export async function updateSite(db: Db, slug: string, patch: SiteColumns) {
  const result = await db.updateTable('sites').set(patch).where('slug', '=', slug).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

function selectTeams(db: Db) {
  return db.selectFrom('teams as t').select((eb) => [
    't.id',
    't.name',
    't.kind',
    't.assignment_strategy as assignmentStrategy',
    't.direct_assignee_id as directAssigneeId',
    eb
      .selectFrom('users as u')
      .select((inner) => inner.fn.countAll<number>().as('n'))
      .whereRef('u.team_id', '=', 't.id')
      .where('u.is_active', '=', true)
      .as('activeMembers'),
  ]);
}

export async function listTeams(db: Db) {
  const rows = await selectTeams(db).orderBy('t.name').execute();
  return rows.map((row) => ({ ...row, activeMembers: Number(row.activeMembers ?? 0) }));
}

export async function findTeam(db: Db, id: string) {
  const row = await selectTeams(db).where('t.id', '=', id).executeTakeFirst();
  return row && { ...row, activeMembers: Number(row.activeMembers ?? 0) };
}

export function findTeamByName(db: Db, name: string) {
  return db.selectFrom('teams').select(['id', 'name']).where('name', '=', name).executeTakeFirst();
}

export type TeamColumns = {
  name?: string;
  kind?: TeamKind;
  assignment_strategy?: AssignmentStrategy;
  direct_assignee_id?: string | null;
};

export async function insertTeam(db: Db, row: TeamColumns & { name: string; kind: TeamKind }) {
  const { id } = await db.insertInto('teams').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function updateTeam(db: Db, id: string, patch: TeamColumns) {
  const result = await db.updateTable('teams').set(patch).where('id', '=', id).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

function selectUsers(db: Db) {
  return db
    .selectFrom('users as u')
    .leftJoin('sites as s', 's.id', 'u.site_id')
    .leftJoin('teams as t', 't.id', 'u.team_id')
    .select((eb) => [
      // Shown before deactivating someone: their open tasks stay theirs until reassigned.
      eb
        .selectFrom('tasks as k')
        .select((inner) => inner.fn.countAll<number>().as('n'))
        .whereRef('k.assignee_id', '=', 'u.id')
        .where('k.status', '<>', 'completed')
        .as('openTasks'),
      'u.id',
      'u.email',
      'u.name',
      'u.role',
      's.slug as siteSlug',
      'u.team_id as teamId',
      't.name as teamName',
      'u.supervisor_id as supervisorId',
      'u.presence',
      'u.is_active as isActive',
      'u.created_at as createdAt',
    ]);
}

export async function listUsers(db: Db, filter: { q?: string; role?: Role; includeInactive?: boolean }) {
  let query = selectUsers(db);
  if (filter.q) {
    const like = `%${filter.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) =>
      eb.or([eb('u.email', 'like', like), eb(eb.fn('lower', ['u.name']), 'like', like)]),
    );
  }
  if (filter.role) query = query.where('u.role', '=', filter.role);
  if (filter.includeInactive === false) query = query.where('u.is_active', '=', true);
  const rows = await query.orderBy('u.email').limit(2000).execute();
  return rows.map((row) => ({ ...row, openTasks: Number(row.openTasks ?? 0) }));
}

export async function findUser(db: Db, id: string) {
  const row = await selectUsers(db).where('u.id', '=', id).executeTakeFirst();
  return row && { ...row, openTasks: Number(row.openTasks ?? 0) };
}

/** The few facts needed to check a reference to a user (team membership, active). */
export function findUserFacts(db: Db, id: string) {
  return db
    .selectFrom('users')
    .select(['id', 'team_id as teamId', 'is_active as isActive'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export function findUserIdByEmail(db: Db, email: string) {
  return db.selectFrom('users').select('id').where('email', '=', email.toLowerCase()).executeTakeFirst();
}

export type UserColumns = {
  email?: string;
  name?: string;
  password_hash?: string | null;
  role?: Role;
  site_id?: string | null;
  team_id?: string | null;
  supervisor_id?: string | null;
  is_active?: boolean;
};

export async function insertUser(db: Db, row: UserColumns & { email: string; name: string; role: Role }) {
  const { id } = await db.insertInto('users').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function updateUser(db: Db, id: string, patch: UserColumns) {
  const result = await db.updateTable('users').set(patch).where('id', '=', id).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
