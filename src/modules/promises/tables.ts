import type { ColumnType, Generated } from 'kysely';
import type { Timestamp } from '../../db/schema.ts';

export type PromiseKind = 'first_contact' | 'retry' | 'reschedule_email';
export type AttemptOutcome = 'connected' | 'no_answer' | 'voicemail' | 'wrong_number' | 'dropped';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

/** One promise made to a customer about a callback task, and whether it was kept. */
export interface TaskPromisesTable {
  id: Generated<string>;
  task_id: string;
  appointment_id: string | null;
  kind: PromiseKind;
  /** 1 for first contact and the email; the retry number for retries. */
  sequence: ColumnType<number, number | undefined, number>;
  due_at: Timestamp;
  /** Quiet hours in the customer's zone that the promise's clock was paused for. */
  paused_from: Timestamp | null;
  paused_until: Timestamp | null;
  pause_reason: string | null;
  /** When the at-risk alert went out. */
  at_risk_at: Timestamp | null;
  kept_at: Timestamp | null;
  kept_by_attempt_id: string | null;
  broken_at: Timestamp | null;
  /** Set when the customer rebooked: a new appointment brings new promises. */
  superseded_at: Timestamp | null;
  created_at: CreatedAt;
}

export interface CallAttemptsTable {
  id: Generated<string>;
  task_id: string;
  appointment_id: string | null;
  at: Timestamp;
  by_user_id: string;
  outcome: AttemptOutcome;
  note: string | null;
  /** Logged before the appointment window started. */
  is_early: ColumnType<boolean, boolean | undefined, boolean>;
  /** False for a failed attempt made sooner than the minimum gap after the previous one. */
  counts_toward_limit: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: CreatedAt;
}

export interface PromiseTables {
  task_promises: TaskPromisesTable;
  call_attempts: CallAttemptsTable;
}
