import type { Db } from '../../db/client.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../../http/auth.ts';
import { invalid, notFound } from '../../lib/errors.ts';
import { publishEvents } from '../events/publish.ts';
import * as repo from './repo.ts';

/**
 * Keeps an alert for its recipients until each reads it, and tells each bell live. Called in the
 * transaction of the change the alert announces, so the alert exists exactly when the change does.
 */
export async function keepAlert(
  tx: Db,
  recipients: { userIds: string[]; teamId: string | null },
  alert: repo.NewNotification,
): Promise<void> {
  const userIds = await repo.insertForRecipients(tx, recipients, alert);
  if (!userIds.length) return;
  await publishEvents(tx, [
    { type: 'notification.created', userIds, data: { kind: alert.kind, taskId: alert.taskId } },
  ]);
}

function toView(row: repo.NotificationRow) {
  return {
    id: row.id,
    kind: row.kind,
    taskId: row.taskId,
    title: row.title,
    body: row.body,
    createdAt: row.createdAt,
    readAt: row.readAt,
  };
}

function encodeCursor(row: repo.NotificationRow): string {
  return Buffer.from(JSON.stringify([!row.readAt, row.cursorAt, row.id])).toString('base64url');
}

const pgTimestamp = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}(:\d{2})?|Z)?$/;

function decodeCursor(cursor: string): repo.NotificationCursor {
  let parts: unknown = null;
  try {
    parts = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    // refused below
  }
  const [isUnread, at, id] = Array.isArray(parts) ? parts : [];
  if (
    typeof isUnread !== 'boolean' ||
    typeof at !== 'string' ||
    !pgTimestamp.test(at) ||
    typeof id !== 'string' ||
    !/^[0-9a-f-]{36}$/.test(id)
  ) {
    throw invalid('cursor is not one this API gave out; start again without it', { field: 'cursor' });
  }
  return { isUnread, at, id };
}

/** `GET /api/notifications`: the actor's own, unread first, newest first, a page at a time. */
export async function listNotifications(
  deps: Pick<Deps, 'db'>,
  actor: Actor,
  query: { cursor?: string; limit?: number },
) {
  const limit = query.limit ?? 20;
  const after = query.cursor ? decodeCursor(query.cursor) : undefined;
  const rows = await repo.listNotificationRows(deps.db, actor, { after, limit: limit + 1 });
  const page = rows.slice(0, limit);
  return {
    items: page.map(toView),
    nextCursor: rows.length > limit ? encodeCursor(page.at(-1)!) : null,
    unread: await repo.countUnread(deps.db, actor),
  };
}

export async function countUnreadNotifications(deps: Pick<Deps, 'db'>, actor: Actor) {
  return { unread: await repo.countUnread(deps.db, actor) };
}

/** Marks one read (again is fine: the first reading time stays); another person's is a 404. */
export async function readNotification(deps: Pick<Deps, 'db' | 'clock'>, actor: Actor, id: string) {
  return inTransaction(deps.db, async (tx) => {
    const marked = await repo.markRead(tx, actor, id, deps.clock.now());
    if (!marked) throw notFound('notification', id);
    // The person's other tabs update their bell.
    await publishEvents(tx, [
      { type: 'notification.read', userIds: [actor.id], data: { notificationId: id } },
    ]);
    const row = await repo.findNotification(tx, actor, id);
    return toView(row!);
  });
}

export async function readAllNotifications(deps: Pick<Deps, 'db' | 'clock'>, actor: Actor) {
  return inTransaction(deps.db, async (tx) => {
    const updated = await repo.markAllRead(tx, actor, deps.clock.now());
    if (updated) await publishEvents(tx, [{ type: 'notification.read', userIds: [actor.id], data: {} }]);
    return { updated };
  });
}
