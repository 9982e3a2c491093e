import type { ColumnType, Generated } from 'kysely';
import type { Timestamp } from '../../db/schema.ts';

type Defaulted<T> = ColumnType<T, T | undefined, T>;

export type CallEventStatus = 'applying' | 'applied' | 'unmatched' | 'refused';

/** Every call event the phone platform sent, once per (call, event): the record of what was applied. */
export interface CallEventsTable {
  id: Generated<string>;
  call_id: string;
  event: string;
  at: Timestamp;
  outcome: string | null;
  agent_email: string | null;
  /** Normalised to E.164 (`+15551234567`). */
  customer_phone: string | null;
  transfer_id: string | null;
  task_id: string | null;
  /** `applying` while being applied; an `applying` row older than a minute may be taken again. */
  status: Defaulted<CallEventStatus>;
  /** Why an event was unmatched or refused, or what applying it did. */
  detail: string | null;
  matched_transfer_id: string | null;
  matched_task_id: string | null;
  attempt_id: string | null;
  received_at: Defaulted<Date>;
  settled_at: Timestamp | null;
}

export interface IntegrationTables {
  call_events: CallEventsTable;
}
