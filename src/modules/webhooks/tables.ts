import type { Generated } from 'kysely';
import type { Timestamp } from '../../db/schema.ts';

/** A receiver an admin registered, and the event types it wants. */
export interface WebhookEndpointsTable {
  id: Generated<string>;
  url: string;
  events: string[];
  /** The Standard Webhooks signing secret (`whsec_…`), shown once when created. */
  secret: string;
  is_active: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

/** One event for one endpoint: the outbox row, and its log. */
export interface WebhookDeliveriesTable {
  id: Generated<string>;
  /** Insertion order; deliveries of one record to one endpoint go out in this order. */
  seq: Generated<string>;
  endpoint_id: string;
  /** The `webhook-id`: the same on every attempt, so a receiver can drop a duplicate. */
  message_id: string;
  event_type: string;
  /** The record the event is about (`task:<id>`): the unit of ordering. */
  record_key: string;
  payload: unknown;
  status: Generated<DeliveryStatus>;
  attempts: Generated<number>;
  next_attempt_at: Timestamp;
  /** While a runner sends it: other runners leave it alone until then. */
  locked_until: Timestamp | null;
  lease: string | null;
  last_status_code: number | null;
  last_error: string | null;
  last_attempt_at: Timestamp | null;
  last_duration_ms: number | null;
  delivered_at: Timestamp | null;
  replay_of: string | null;
  created_at: Timestamp;
}

export interface WebhookTables {
  webhook_endpoints: WebhookEndpointsTable;
  webhook_deliveries: WebhookDeliveriesTable;
}
