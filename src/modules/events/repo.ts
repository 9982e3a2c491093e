import { sql } from 'kysely';
import type { Db } from '../../db/client.ts';
import type { Listener } from './audience.ts';

const columns = ['id', 'type', 'user_ids', 'site_id', 'team_id', 'roles', 'data', 'created_at'] as const;

export type EventRow = {
  id: number;
  type: string;
  user_ids: string[];
  site_id: string | null;
  team_id: string | null;
  roles: string[];
  data: Record<string, unknown>;
  created_at: Date;
};

export async function findEventsByIds(db: Db, ids: number[]): Promise<EventRow[]> {
  if (!ids.length) return [];
  return db.selectFrom('events').select(columns).where('id', 'in', ids).orderBy('id').execute();
}

/** Events after `afterId`, oldest first (catching up after a lost LISTEN connection). */
export function findEventsAfter(db: Db, afterId: number, limit: number): Promise<EventRow[]> {
  return db
    .selectFrom('events')
    .select(columns)
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
}

export async function findLatestEventId(db: Db): Promise<number> {
  const row = await db
    .selectFrom('events')
    .select((eb) => eb.fn.max('id').as('id'))
    .executeTakeFirst();
  return Number(row?.id ?? 0);
}

/**
 * What a listener missed after `afterId`, within the replay window (by the database's own clock,
 * which stamped `created_at`), oldest first; the audience rule of `audience.ts` written in SQL.
 */
export function findMissedEvents(
  db: Db,
  listener: Listener,
  afterId: number,
  windowSeconds: number,
  limit: number,
): Promise<EventRow[]> {
  return db
    .selectFrom('events')
    .select(columns)
    .where('id', '>', afterId)
    .where(sql<boolean>`created_at >= now() - make_interval(secs => ${windowSeconds})`)
    .where(
      sql<boolean>`(${listener.id}::uuid = ANY(user_ids) OR (
        (site_id IS NOT NULL OR team_id IS NOT NULL OR cardinality(roles) > 0)
        AND (site_id IS NULL OR site_id = ${listener.siteId}::uuid)
        AND (team_id IS NULL OR team_id = ${listener.teamId}::uuid)
        AND (cardinality(roles) = 0 OR ${listener.role}::text = ANY(roles))))`,
    )
    .orderBy('id')
    .limit(limit)
    .execute();
}
