import type { ColumnType, Generated } from 'kysely';
import type { Timestamp } from '../../db/schema.ts';

type Defaulted<T> = ColumnType<T, T | undefined, T>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

export type TransferStatus = 'waiting' | 'answered' | 'conferenced' | 'completed' | 'abandoned';
export type PermissionStatus = 'pending' | 'approved' | 'denied';

/** One escalation's stay in a site's Leadership Desk queue, step by step. */
export interface TransferRequestsTable {
  id: Generated<string>;
  escalation_id: string;
  site_id: string;
  agent_id: string;
  status: Defaulted<TransferStatus>;
  enqueued_at: Timestamp;
  /** The estimate told to the agent at enqueue; null when nobody on the desk was available. */
  estimated_wait_seconds: number | null;
  /** The site's threshold when the request entered the queue (a later admin change does not move it). */
  threshold_seconds: number;
  /** When the threshold timer fired and the agent was told to leave the queue. */
  threshold_reached_at: Timestamp | null;
  answered_at: Timestamp | null;
  answered_by: string | null;
  conferenced_at: Timestamp | null;
  /** When the agent left the call and the leader took it over. */
  left_at: Timestamp | null;
  abandoned_at: Timestamp | null;
  abandoned_by: string | null;
  created_at: CreatedAt;
}

/** An agent's request to a supervisor for permission to book a callback. */
export interface CallbackPermissionsTable {
  id: Generated<string>;
  escalation_id: string;
  site_id: string;
  requested_by: string;
  requested_at: Timestamp;
  supervisor_id: string;
  /** True when the direct supervisor was unavailable and any supervisor of the site may decide. */
  is_fallback_supervisor: Defaulted<boolean>;
  transfer_id: string | null;
  /** Whether the escalation's last transfer had waited past the site's threshold when asked. */
  threshold_reached: Defaulted<boolean>;
  request_note: string | null;
  status: Defaulted<PermissionStatus>;
  decided_at: Timestamp | null;
  decided_by: string | null;
  note: string | null;
  created_at: CreatedAt;
}

export interface TransferTables {
  transfer_requests: TransferRequestsTable;
  callback_permissions: CallbackPermissionsTable;
}
