import type { ColumnType } from 'kysely';
import type { AppointmentsTable, Timestamp } from '../../db/schema.ts';

/** How many places of one site's window are taken: the row locked to make overselling impossible. */
export interface BookingWindowsTable {
  site_id: string;
  starts_at: Timestamp;
  booked: ColumnType<number, number | undefined, number>;
}

/** The foundation's appointment plus the links booking keeps (added by migration 0005). */
export interface BookedAppointmentsTable extends AppointmentsTable {
  job_id: string | null;
  exception_id: string | null;
  /** The callback task; a rebooking after a missed callback keeps the same task. */
  task_id: string | null;
  customer_email: string | null;
  cancelled_at: Timestamp | null;
}

export interface BookingTables {
  booking_windows: BookingWindowsTable;
}
