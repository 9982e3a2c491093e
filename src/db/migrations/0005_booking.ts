import { type Kysely, sql } from 'kysely';

// Callback booking: desk members' weekly schedules and dated exceptions (time off, holidays, extra
// hours), the per-window booked counter that makes overselling impossible, and the links an
// appointment keeps to its exception, task and job.
const statements = [
  `CREATE TABLE member_schedules (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    site_id uuid NOT NULL REFERENCES sites(id),
    user_id uuid NOT NULL REFERENCES users(id),
    weekday smallint NOT NULL CHECK (weekday BETWEEN 1 AND 7),
    start_minute integer NOT NULL CHECK (start_minute BETWEEN 0 AND 1440),
    end_minute integer NOT NULL CHECK (end_minute BETWEEN 0 AND 1440),
    created_at timestamptz NOT NULL DEFAULT now(),
    CHECK (end_minute > start_minute)
  )`,
  `CREATE INDEX member_schedules_site_idx ON member_schedules (site_id, user_id)`,
  `CREATE TABLE schedule_exceptions (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    site_id uuid NOT NULL REFERENCES sites(id),
    user_id uuid REFERENCES users(id),
    date text NOT NULL CHECK (date ~ '^\\d{4}-\\d{2}-\\d{2}$'),
    kind text NOT NULL CHECK (kind IN ('off', 'extra')),
    start_minute integer CHECK (start_minute BETWEEN 0 AND 1440),
    end_minute integer CHECK (end_minute BETWEEN 0 AND 1440),
    note text NOT NULL DEFAULT '',
    created_at timestamptz NOT NULL DEFAULT now(),
    CHECK ((start_minute IS NULL) = (end_minute IS NULL)),
    CHECK (end_minute IS NULL OR end_minute > start_minute),
    CHECK (kind = 'off' OR start_minute IS NOT NULL)
  )`,
  `CREATE INDEX schedule_exceptions_site_date_idx ON schedule_exceptions (site_id, date)`,
  `CREATE TABLE booking_windows (
    site_id uuid NOT NULL REFERENCES sites(id),
    starts_at timestamptz NOT NULL,
    booked integer NOT NULL DEFAULT 0 CHECK (booked >= 0),
    PRIMARY KEY (site_id, starts_at)
  )`,
  `ALTER TABLE appointments ADD COLUMN job_id uuid REFERENCES jobs(id)`,
  `ALTER TABLE appointments ADD COLUMN exception_id uuid REFERENCES exceptions(id)`,
  `ALTER TABLE appointments ADD COLUMN task_id uuid REFERENCES tasks(id)`,
  `ALTER TABLE appointments ADD COLUMN customer_email text`,
  `ALTER TABLE appointments ADD COLUMN cancelled_at timestamptz`,
  `CREATE INDEX appointments_escalation_idx ON appointments (escalation_id)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(): Promise<void> {
  throw new Error('the booking migration cannot be reverted');
}
