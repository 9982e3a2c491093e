import type { ColumnType, Generated } from 'kysely';
import type { Timestamp } from '../../db/schema.ts';

/** An alert kept for one person until they read it (migration 0025). */
export interface NotificationsTable {
  id: Generated<string>;
  user_id: string;
  /** The live event it came with, e.g. `callback.promise_broken`. */
  kind: string;
  task_id: string | null;
  title: string;
  body: string;
  created_at: ColumnType<Date, Date | string, never>;
  read_at: Timestamp | null;
}

export interface NotificationTables {
  notifications: NotificationsTable;
}
