import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../db/client.ts';
import type { WebhookEventType } from '../events/types.ts';

/** Channel that wakes the webhook runners of every process when a delivery is committed. */
export const webhooksChannel = 'ed_webhooks';

/** Something that happened, to be sent to every endpoint that subscribed to its type. */
export type OutgoingEvent = {
  type: WebhookEventType;
  /** The record it is about; deliveries of one record to one endpoint keep their order. */
  record: { kind: string; id: string };
  /** Only what a receiver needs to know of the record: ids, status, times; never a whole row. */
  data: Record<string, unknown>;
  at: Date;
};

type EventRow = {
  message_id: string;
  event_type: string;
  record_key: string;
  payload: unknown;
  at: string;
  ord: number;
};

let order = 0;

function eventRow(event: OutgoingEvent): EventRow {
  return {
    message_id: `msg_${randomUUID().replaceAll('-', '')}`,
    event_type: event.type,
    record_key: `${event.record.kind}:${event.record.id}`,
    // The Standard Webhooks payload shape: type, timestamp, data.
    payload: { type: event.type, timestamp: event.at.toISOString(), data: event.data },
    at: event.at.toISOString(),
    ord: order++,
  };
}

/**
 * One delivery per subscribed endpoint, in one INSERT … SELECT; `seq` follows the order the events
 * were announced, so a record's later event is never sent before its earlier one.
 */
function insertDeliveries(rows: EventRow[]) {
  return sql`
    INSERT INTO webhook_deliveries (endpoint_id, message_id, event_type, record_key, payload, next_attempt_at, created_at)
    SELECT w.id, e.message_id, e.event_type, e.record_key, e.payload, e.at, e.at
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
      AS e(message_id text, event_type text, record_key text, payload jsonb, at timestamptz, ord bigint)
    JOIN webhook_endpoints w ON w.is_active AND e.event_type = ANY (w.events)
    ORDER BY e.ord, w.id
    RETURNING id`;
}

/**
 * Writes the event's deliveries in the caller's transaction (the durable outbox): committed with
 * the change it announces, or not at all. The runner (`deliver.ts`) sends them.
 */
export async function enqueueWebhookEvent(db: Db, event: OutgoingEvent): Promise<void> {
  // Runners wake only when an endpoint subscribed (one NOTIFY per delivery, delivered at commit).
  await sql`
    WITH inserted AS (${insertDeliveries([eventRow(event)])})
    SELECT count(pg_notify(${webhooksChannel}, '')) FROM inserted`.execute(db);
}
