import { sql } from 'kysely';
import type { Db } from '../../db/client.ts';
import type { EventType } from './types.ts';

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

export type NewEvent = Audience & { type: EventType; data: Record<string, unknown> };

/**
 * Records a live-update event in the caller's transaction and notifies listeners, so the event
 * exists exactly when the change it announces is committed (NOTIFY is delivered at commit).
 */
export async function publishEvent(db: Db, event: NewEvent): Promise<void> {
  await publishEvents(db, [event]);
}

/**
 * An appointment booked, moved or cancelled takes or frees a place in a window: everyone at the
 * site (agents with a booking widget open, not only the desk the appointment event is for) hears
 * `availability.changed`, with the window's start and no customer data, and refetches. Derived
 * here, where every event is written, so no booking path can forget it.
 */
function availabilityNoticeOf(event: NewEvent): NewEvent[] {
  if (!event.type.startsWith('appointment.') || !event.siteId) return [];
  const start = typeof event.data.start === 'string' ? event.data.start : null;
  return [{ type: 'availability.changed', siteId: event.siteId, data: { start } }];
}

function eventRow(event: NewEvent) {
  return {
    type: event.type,
    user_ids: event.userIds ?? [],
    site_id: event.siteId ?? null,
    team_id: event.teamId ?? null,
    roles: event.roles ?? [],
    data: event.data,
  };
}

function insertEvents(events: NewEvent[]) {
  return sql<{ id: number }>`
    INSERT INTO events (type, user_ids, site_id, team_id, roles, data)
    SELECT e.type, ARRAY(SELECT jsonb_array_elements_text(e.user_ids))::uuid[], e.site_id, e.team_id,
      ARRAY(SELECT jsonb_array_elements_text(e.roles)), e.data
    FROM jsonb_to_recordset(${JSON.stringify(events.map(eventRow))}::jsonb)
      AS e(type text, user_ids jsonb, site_id uuid, team_id uuid, roles jsonb, data jsonb)
    RETURNING id`;
}

/**
 * Records many events and notifies listeners of each, in one statement (one round trip however
 * many: timers that fire in batches publish their events this way). Ids come back in order.
 */
export async function publishEvents(db: Db, given: NewEvent[]): Promise<number[]> {
  if (!given.length) return [];
  // Notices go after the given events, so the ids returned (the given events') stay in order.
  const events = [...given, ...given.flatMap(availabilityNoticeOf)];
  const result = await sql<{ id: number }>`
    WITH inserted AS (${insertEvents(events)})
    SELECT id, pg_notify(${eventsChannel}, id::text) FROM inserted ORDER BY id`.execute(db);
  return result.rows.slice(0, given.length).map((row) => Number(row.id));
}
