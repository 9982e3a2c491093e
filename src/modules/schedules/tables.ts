import type { ColumnType, Generated } from 'kysely';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

/** One block of weekly working hours of a desk member at a site, in the site's local time. */
export interface MemberSchedulesTable {
  id: Generated<string>;
  site_id: string;
  user_id: string;
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** Minutes after local midnight; end is exclusive (17:00 = 1020). */
  start_minute: number;
  end_minute: number;
  created_at: CreatedAt;
}

/**
 * A dated change to the weekly hours: `off` (time off; all day when minutes are null; the whole
 * desk when user_id is null, e.g. a holiday) or `extra` hours worked on that date.
 */
export interface ScheduleExceptionsTable {
  id: Generated<string>;
  site_id: string;
  user_id: string | null;
  /** Local date at the site, YYYY-MM-DD. */
  date: string;
  kind: 'off' | 'extra';
  start_minute: number | null;
  end_minute: number | null;
  note: ColumnType<string, string | undefined, string>;
  created_at: CreatedAt;
}

export interface ScheduleTables {
  member_schedules: MemberSchedulesTable;
  schedule_exceptions: ScheduleExceptionsTable;
}
