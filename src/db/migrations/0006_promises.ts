import { type Kysely, sql } from 'kysely';

// Contact promises: what the customer was promised (first contact, retries, the reschedule email)
// with due times and whether each was kept, the call attempts that keep or break them, and
// indexes that keep timer claims and cancellations on index ranges however many timers are pending.
const statements = [
  `CREATE TABLE task_promises (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    task_id uuid NOT NULL REFERENCES tasks(id),
    appointment_id uuid REFERENCES appointments(id),
    kind text NOT NULL CHECK (kind IN ('first_contact', 'retry', 'reschedule_email')),
    sequence integer NOT NULL DEFAULT 1 CHECK (sequence >= 1),
    due_at timestamptz NOT NULL,
    paused_from timestamptz,
    paused_until timestamptz,
    pause_reason text,
    at_risk_at timestamptz,
    kept_at timestamptz,
    kept_by_attempt_id uuid,
    broken_at timestamptz,
    superseded_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    CHECK (kept_at IS NULL OR broken_at IS NULL)
  )`,
  `CREATE INDEX task_promises_task_idx ON task_promises (task_id, created_at)`,
  `CREATE INDEX task_promises_due_idx ON task_promises (due_at)`,
  `CREATE UNIQUE INDEX task_promises_live_idx ON task_promises (task_id, kind, sequence)
   WHERE superseded_at IS NULL`,
  `CREATE TABLE call_attempts (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    task_id uuid NOT NULL REFERENCES tasks(id),
    appointment_id uuid REFERENCES appointments(id),
    at timestamptz NOT NULL,
    by_user_id uuid NOT NULL REFERENCES users(id),
    outcome text NOT NULL CHECK (outcome IN ('connected', 'no_answer', 'voicemail', 'wrong_number', 'dropped')),
    note text,
    is_early boolean NOT NULL DEFAULT false,
    counts_toward_limit boolean NOT NULL DEFAULT true,
    created_at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE INDEX call_attempts_task_idx ON call_attempts (task_id, at)`,
  // cancelTimers(prefix) matches dedupe_key LIKE 'prefix%': text_pattern_ops lets that be an index
  // range on pending rows instead of a scan of every timer ever scheduled.
  `CREATE INDEX timers_pending_key_idx ON timers (dedupe_key text_pattern_ops) WHERE status = 'pending'`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['call_attempts', 'task_promises']) await sql.raw(`DROP TABLE ${table}`).execute(db);
  await sql.raw('DROP INDEX timers_pending_key_idx').execute(db);
}
