import { sql } from 'kysely';
import type { Db } from '../../db/client.ts';
import type { Actor } from '../../http/auth.ts';
import { notificationsOf } from './policy.ts';

export type NewNotification = {
  kind: string;
  taskId: string | null;
  title: string;
  body: string;
  /** When it was raised; null: the database's time. */
  at: Date | null;
};

/**
 * Keeps one notification for each active recipient: the users named, and the members of `teamId`
 * when given (a task in a team's queue alerts the whole team). One statement; returns who got one.
 * No RETURNING from the insert: the writer may alert people whose rows it cannot read back.
 */
export async function insertForRecipients(
  db: Db,
  recipients: { userIds: string[]; teamId: string | null },
  note: NewNotification,
): Promise<string[]> {
  const result = await sql<{ id: string }>`
    WITH recipients AS (
      SELECT u.id FROM users u
      WHERE u.is_active AND (u.id = ANY(${recipients.userIds}::uuid[]) OR u.team_id = ${recipients.teamId}::uuid)),
    kept AS (
      INSERT INTO notifications (user_id, kind, task_id, title, body, created_at)
      SELECT id, ${note.kind}, ${note.taskId}::uuid, ${note.title}, ${note.body}, coalesce(${note.at}::timestamptz, now())
      FROM recipients)
    SELECT id FROM recipients`.execute(db);
  return result.rows.map((row) => row.id);
}

function selectNotifications(db: Db, actor: Actor) {
  return db
    .selectFrom('notifications as n')
    .select([
      'n.id',
      'n.kind',
      'n.task_id as taskId',
      'n.title',
      'n.body',
      'n.created_at as createdAt',
      'n.read_at as readAt',
      sql<string>`n.created_at::text`.as('cursorAt'),
    ])
    .where(notificationsOf(actor));
}

export type NotificationRow = Awaited<
  ReturnType<ReturnType<typeof selectNotifications>['executeTakeFirstOrThrow']>
>;

export type NotificationCursor = { isUnread: boolean; at: string; id: string };

/**
 * One page of the actor's notifications: unread first, then newest first, the id last so the key
 * is unique. All three descend, so one row comparison pages it and the inbox index serves it backwards.
 */
export function listNotificationRows(
  db: Db,
  actor: Actor,
  page: { after?: NotificationCursor; limit: number },
) {
  let query = selectNotifications(db, actor);
  const { after } = page;
  if (after) {
    query = query.where(
      sql<boolean>`(n.read_at IS NULL, n.created_at, n.id) < (${after.isUnread}, ${after.at}::timestamptz, ${after.id}::uuid)`,
    );
  }
  return query
    .orderBy(sql`n.read_at IS NULL`, 'desc')
    .orderBy('n.created_at', 'desc')
    .orderBy('n.id', 'desc')
    .limit(page.limit)
    .execute();
}

export async function countUnread(db: Db, actor: Actor): Promise<number> {
  const row = await db
    .selectFrom('notifications as n')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where(notificationsOf(actor))
    .where('n.read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Marks one of the actor's notifications read (kept as first read); undefined when out of reach. */
export function markRead(db: Db, actor: Actor, id: string, at: Date) {
  return db
    .updateTable('notifications as n')
    .set({ read_at: sql`coalesce(n.read_at, ${at}::timestamptz)` })
    .where('n.id', '=', id)
    .where(notificationsOf(actor))
    .returning(['n.id'])
    .executeTakeFirst();
}

export async function markAllRead(db: Db, actor: Actor, at: Date): Promise<number> {
  const result = await db
    .updateTable('notifications as n')
    .set({ read_at: at })
    .where(notificationsOf(actor))
    .where('n.read_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export function findNotification(db: Db, actor: Actor, id: string) {
  return selectNotifications(db, actor).where('n.id', '=', id).executeTakeFirst();
}
