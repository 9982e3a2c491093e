import { sql } from 'kysely';
import type { Db } from '../../db/client.ts';

/** Channel that carries new event ids to every app process (LISTEN/NOTIFY). */
export const eventsChannel = 'ed_events';

/**
 * Who an event is for. A user receives it if they are named, or if they match every given scope
 * (site, team, roles). An event with no audience goes to nobody.
 */
export type Audience = {
  userIds?: string[];
  siteId?: string | null;
  teamId?: string | null;
  roles?: string[];
};

export type NewEvent = Audience & { type: string; data: Record<string, unknown> };

/**
 * Records a live-update event in the caller's transaction and notifies listeners, so the event
 * exists exactly when the change it announces is committed (NOTIFY is delivered at commit).
 */
export async function publishEvent(db: Db, event: NewEvent): Promise<number> {
  const row = await db
    .insertInto('events')
    .values({
      type: event.type,
      user_ids: event.userIds ?? [],
      site_id: event.siteId ?? null,
      team_id: event.teamId ?? null,
      roles: event.roles ?? [],
      data: JSON.stringify(event.data),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await sql`SELECT pg_notify(${eventsChannel}, ${String(row.id)})`.execute(db);
  return row.id;
}
