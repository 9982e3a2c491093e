import { sql } from 'kysely';
import type { Db } from '../../db/client.ts';
import type { DeliveryStatus } from './tables.ts';

export type EndpointRow = {
  id: string;
  url: string;
  events: string[];
  secret: string;
  is_active: boolean;
  created_at: Date;
  updated_at: Date;
};

export function listEndpoints(db: Db): Promise<EndpointRow[]> {
  return db.selectFrom('webhook_endpoints').selectAll().orderBy('created_at').orderBy('id').execute();
}

export function findEndpoint(db: Db, id: string): Promise<EndpointRow | undefined> {
  return db.selectFrom('webhook_endpoints').selectAll().where('id', '=', id).executeTakeFirst();
}

export function insertEndpoint(
  db: Db,
  row: { url: string; events: string[]; secret: string; now: Date },
): Promise<EndpointRow> {
  return db
    .insertInto('webhook_endpoints')
    .values({
      url: row.url,
      events: row.events,
      secret: row.secret,
      created_at: row.now,
      updated_at: row.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function updateEndpoint(
  db: Db,
  id: string,
  change: { url?: string; events?: string[]; secret?: string; isActive?: boolean; now: Date },
): Promise<EndpointRow | undefined> {
  return db
    .updateTable('webhook_endpoints')
    .set({
      ...(change.url === undefined ? {} : { url: change.url }),
      ...(change.events === undefined ? {} : { events: change.events }),
      ...(change.secret === undefined ? {} : { secret: change.secret }),
      ...(change.isActive === undefined ? {} : { is_active: change.isActive }),
      updated_at: change.now,
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

export async function deleteEndpoint(db: Db, id: string): Promise<boolean> {
  const result = await db.deleteFrom('webhook_endpoints').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export type DeliveryRow = {
  id: string;
  endpoint_id: string;
  message_id: string;
  event_type: string;
  record_key: string;
  payload: unknown;
  status: DeliveryStatus;
  attempts: number;
  next_attempt_at: Date;
  last_status_code: number | null;
  last_error: string | null;
  last_attempt_at: Date | null;
  last_duration_ms: number | null;
  delivered_at: Date | null;
  replay_of: string | null;
  created_at: Date;
};

const deliveryColumns = [
  'id',
  'endpoint_id',
  'message_id',
  'event_type',
  'record_key',
  'payload',
  'status',
  'attempts',
  'next_attempt_at',
  'last_status_code',
  'last_error',
  'last_attempt_at',
  'last_duration_ms',
  'delivered_at',
  'replay_of',
  'created_at',
] as const;

/** The endpoint's deliveries, newest first, paged by `seq`. */
export function listDeliveries(
  db: Db,
  endpointId: string,
  options: { limit: number; beforeSeq?: string },
): Promise<(DeliveryRow & { seq: string })[]> {
  let query = db
    .selectFrom('webhook_deliveries')
    .select([...deliveryColumns, 'seq'])
    .where('endpoint_id', '=', endpointId);
  if (options.beforeSeq) query = query.where('seq', '<', options.beforeSeq);
  return query.orderBy('seq', 'desc').limit(options.limit).execute() as Promise<
    (DeliveryRow & { seq: string })[]
  >;
}

export function findDelivery(db: Db, endpointId: string, id: string): Promise<DeliveryRow | undefined> {
  return db
    .selectFrom('webhook_deliveries')
    .select(deliveryColumns)
    .where('endpoint_id', '=', endpointId)
    .where('id', '=', id)
    .executeTakeFirst() as Promise<DeliveryRow | undefined>;
}

/** A new pending delivery of the same message (same `webhook-id`), at the end of its record's line. */
export function insertReplay(db: Db, original: DeliveryRow, now: Date): Promise<DeliveryRow> {
  return db
    .insertInto('webhook_deliveries')
    .values({
      endpoint_id: original.endpoint_id,
      message_id: original.message_id,
      event_type: original.event_type,
      record_key: original.record_key,
      payload: JSON.stringify(original.payload),
      next_attempt_at: now,
      replay_of: original.id,
      created_at: now,
    })
    .returning(deliveryColumns)
    .executeTakeFirstOrThrow() as Promise<DeliveryRow>;
}

export type ClaimedDelivery = {
  id: string;
  lease: string;
  message_id: string;
  payload: unknown;
  attempts: number;
  created_at: Date;
  url: string;
  secret: string;
};

/**
 * Leases up to `limit` due deliveries and commits at once, so the HTTP call runs outside any
 * transaction (a slow receiver holds no lock and no connection). A delivery is due only when no
 * earlier delivery of the same record to the same endpoint is still pending, and an endpoint gets
 * at most `perEndpoint` at a time counting those in flight, so one slow receiver cannot take every
 * slot. SKIP LOCKED lets runners of other processes claim past each other.
 */
export async function claimDueDeliveries(
  db: Db,
  options: { now: Date; limit: number; perEndpoint: number; leaseUntil: Date; lease: string },
): Promise<ClaimedDelivery[]> {
  const now = options.now.toISOString();
  const result = await sql<ClaimedDelivery>`
    WITH due AS (
      SELECT d.id, row_number() OVER (PARTITION BY d.endpoint_id ORDER BY d.next_attempt_at, d.seq) AS rank,
        (SELECT count(*) FROM webhook_deliveries f
          WHERE f.endpoint_id = d.endpoint_id AND f.status = 'pending' AND f.locked_until > ${now}::timestamptz) AS busy
      FROM webhook_deliveries d
      WHERE d.status = 'pending' AND d.next_attempt_at <= ${now}::timestamptz
        AND (d.locked_until IS NULL OR d.locked_until <= ${now}::timestamptz)
        AND NOT EXISTS (
          SELECT 1 FROM webhook_deliveries e
          WHERE e.endpoint_id = d.endpoint_id AND e.record_key = d.record_key
            AND e.status = 'pending' AND e.seq < d.seq)
    ),
    claimed AS (
      SELECT d.id FROM webhook_deliveries d
      WHERE d.id IN (SELECT id FROM due WHERE rank + busy <= ${options.perEndpoint})
        AND d.status = 'pending' AND (d.locked_until IS NULL OR d.locked_until <= ${now}::timestamptz)
      ORDER BY d.next_attempt_at, d.seq
      LIMIT ${options.limit}
      FOR UPDATE SKIP LOCKED
    )
    UPDATE webhook_deliveries w
    SET locked_until = ${options.leaseUntil.toISOString()}::timestamptz, lease = ${options.lease}::uuid,
      attempts = w.attempts + 1, last_attempt_at = ${now}::timestamptz
    FROM claimed c, webhook_endpoints p
    WHERE w.id = c.id AND p.id = w.endpoint_id
    RETURNING w.id, w.lease, w.message_id, w.payload, w.attempts, w.created_at, p.url, p.secret`.execute(db);
  return result.rows.map((row) => ({ ...row, created_at: new Date(row.created_at) }));
}

export type Outcome = { statusCode: number | null; error: string | null; durationMs: number; at: Date };

/** A 2xx: delivered, whoever holds the lease now (a success is never sent again). */
export async function markDelivered(db: Db, id: string, outcome: Outcome): Promise<void> {
  await db
    .updateTable('webhook_deliveries')
    .set({
      status: 'delivered',
      delivered_at: outcome.at,
      last_status_code: outcome.statusCode,
      last_error: null,
      last_duration_ms: outcome.durationMs,
      locked_until: null,
      lease: null,
    })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .execute();
}

/** A failure: try again at `retryAt`, or give up (`failed`) when that is null. Only by the lease holder. */
export async function markAttemptFailed(
  db: Db,
  id: string,
  lease: string,
  outcome: Outcome,
  retryAt: Date | null,
): Promise<void> {
  await db
    .updateTable('webhook_deliveries')
    .set({
      status: retryAt ? 'pending' : 'failed',
      next_attempt_at: retryAt ?? outcome.at,
      last_status_code: outcome.statusCode,
      last_error: outcome.error?.slice(0, 1000) ?? null,
      last_duration_ms: outcome.durationMs,
      locked_until: null,
      lease: null,
    })
    .where('id', '=', id)
    .where('lease', '=', lease)
    .where('status', '=', 'pending')
    .execute();
}

/** Forgets finished deliveries written before `before` (pending ones are never purged). */
export async function purgeFinishedDeliveries(db: Db, before: Date): Promise<void> {
  // A replay refers to its original; the reference is cleared (ON DELETE SET NULL), not the replay.
  await db
    .deleteFrom('webhook_deliveries')
    .where('status', 'in', ['delivered', 'failed'])
    .where('created_at', '<', before)
    .execute();
}
