import { type Kysely, sql } from 'kysely';

// The foundation: people and access, the service-job domain, escalations, exceptions, tasks and
// routing, plus the durable timer queue, the mail outbox and the event log that later features share.
const statements = [
  `CREATE TABLE sites (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9-]+$'),
    name text NOT NULL,
    time_zone text NOT NULL,
    transfer_threshold_seconds integer NOT NULL DEFAULT 180 CHECK (transfer_threshold_seconds > 0),
    window_minutes integer NOT NULL DEFAULT 30 CHECK (window_minutes BETWEEN 5 AND 240),
    booking_horizon_days integer NOT NULL DEFAULT 30 CHECK (booking_horizon_days BETWEEN 1 AND 365),
    min_notice_minutes integer NOT NULL DEFAULT 30 CHECK (min_notice_minutes >= 0),
    callbacks_per_member integer NOT NULL DEFAULT 1 CHECK (callbacks_per_member >= 1),
    calendar_token text NOT NULL DEFAULT md5(gen_random_uuid()::text || clock_timestamp()::text),
    created_at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE TABLE teams (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name text NOT NULL UNIQUE,
    kind text NOT NULL CHECK (kind IN ('bpo', 'captive', 'internal')),
    assignment_strategy text NOT NULL DEFAULT 'queue'
      CHECK (assignment_strategy IN ('round_robin', 'least_loaded', 'random', 'direct', 'queue')),
    direct_assignee_id uuid,
    last_assigned_user_id uuid,
    created_at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE TABLE users (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    email text NOT NULL UNIQUE CHECK (email = lower(email)),
    name text NOT NULL,
    password_hash text,
    role text NOT NULL CHECK (role IN ('agent', 'supervisor', 'lead', 'sme', 'callback_agent', 'tier2',
      'tier3', 'exec_escalations', 'purchasing', 'admin')),
    site_id uuid REFERENCES sites(id),
    team_id uuid REFERENCES teams(id),
    supervisor_id uuid REFERENCES users(id),
    presence text NOT NULL DEFAULT 'offline' CHECK (presence IN ('available', 'busy', 'away', 'offline')),
    is_active boolean NOT NULL DEFAULT true,
    created_at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE INDEX users_team_idx ON users (team_id) WHERE is_active`,
  `CREATE INDEX users_site_idx ON users (site_id)`,
  `ALTER TABLE teams ADD FOREIGN KEY (direct_assignee_id) REFERENCES users(id)`,
  `ALTER TABLE teams ADD FOREIGN KEY (last_assigned_user_id) REFERENCES users(id)`,
  `CREATE TABLE sessions (
    token_hash text PRIMARY KEY,
    user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL
  )`,
  `CREATE INDEX sessions_user_idx ON sessions (user_id)`,
  `CREATE TABLE api_tokens (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    name text NOT NULL,
    token_hash text NOT NULL UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now(),
    last_used_at timestamptz,
    revoked_at timestamptz
  )`,
  `CREATE TABLE customers (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name text NOT NULL,
    phone text NOT NULL,
    email text,
    time_zone text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE INDEX customers_phone_idx ON customers (phone)`,
  `CREATE INDEX customers_name_idx ON customers (lower(name) text_pattern_ops)`,
  `CREATE TABLE jobs (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    number text NOT NULL UNIQUE,
    customer_id uuid NOT NULL REFERENCES customers(id),
    product text NOT NULL,
    status text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE INDEX jobs_customer_idx ON jobs (customer_id)`,
  `CREATE TABLE job_parts (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    job_id uuid NOT NULL REFERENCES jobs(id),
    part_number text NOT NULL,
    description text NOT NULL,
    status text NOT NULL,
    ordered_at timestamptz
  )`,
  `CREATE INDEX job_parts_job_idx ON job_parts (job_id)`,
  `CREATE TABLE job_notes (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    job_id uuid NOT NULL REFERENCES jobs(id),
    author_id uuid REFERENCES users(id),
    kind text NOT NULL,
    body text NOT NULL,
    details jsonb NOT NULL DEFAULT '{}'::jsonb,
    created_at timestamptz NOT NULL DEFAULT now(),
    seq bigserial NOT NULL
  )`,
  `CREATE INDEX job_notes_job_idx ON job_notes (job_id, seq)`,
  // The timeline is append-only: history must not be rewritten.
  `CREATE FUNCTION job_notes_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN RAISE EXCEPTION 'job notes are append-only'; END $$`,
  `CREATE TRIGGER job_notes_no_change BEFORE UPDATE OR DELETE ON job_notes
   FOR EACH ROW EXECUTE FUNCTION job_notes_append_only()`,
  `CREATE TABLE escalation_reasons (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    code text NOT NULL UNIQUE CHECK (code ~ '^[a-z0-9_]+$'),
    label text NOT NULL,
    position integer NOT NULL DEFAULT 0,
    is_active boolean NOT NULL DEFAULT true
  )`,
  `CREATE TABLE outages (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    title text NOT NULL,
    guidance text NOT NULL,
    script text NOT NULL,
    declared_by uuid NOT NULL REFERENCES users(id),
    started_at timestamptz NOT NULL DEFAULT now(),
    ended_at timestamptz,
    ended_by uuid REFERENCES users(id)
  )`,
  `CREATE TABLE outage_sites (
    outage_id uuid NOT NULL REFERENCES outages(id),
    site_id uuid NOT NULL REFERENCES sites(id),
    PRIMARY KEY (outage_id, site_id)
  )`,
  `CREATE TABLE escalations (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    job_id uuid NOT NULL REFERENCES jobs(id),
    customer_id uuid NOT NULL REFERENCES customers(id),
    site_id uuid NOT NULL REFERENCES sites(id),
    raised_by uuid NOT NULL REFERENCES users(id),
    summary text NOT NULL,
    status text NOT NULL DEFAULT 'open'
      CHECK (status IN ('open', 'in_queue', 'transferred', 'callback_requested', 'callback_booked', 'closed')),
    outage_id uuid REFERENCES outages(id),
    created_at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE INDEX escalations_job_idx ON escalations (job_id)`,
  `CREATE INDEX escalations_customer_idx ON escalations (customer_id)`,
  `CREATE INDEX escalations_site_created_idx ON escalations (site_id, created_at)`,
  `CREATE TABLE escalation_reason_links (
    escalation_id uuid NOT NULL REFERENCES escalations(id),
    reason_id uuid NOT NULL REFERENCES escalation_reasons(id),
    PRIMARY KEY (escalation_id, reason_id)
  )`,
  `CREATE TABLE exception_types (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    code text NOT NULL UNIQUE CHECK (code ~ '^[a-z0-9_]+$'),
    label text NOT NULL,
    is_active boolean NOT NULL DEFAULT true
  )`,
  `CREATE TABLE exception_comments (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    exception_type_id uuid NOT NULL REFERENCES exception_types(id),
    reason_id uuid REFERENCES escalation_reasons(id),
    body text NOT NULL,
    is_active boolean NOT NULL DEFAULT true
  )`,
  `CREATE TABLE exceptions (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    job_id uuid NOT NULL REFERENCES jobs(id),
    type_id uuid NOT NULL REFERENCES exception_types(id),
    status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
    comment_id uuid NOT NULL REFERENCES exception_comments(id),
    escalation_id uuid REFERENCES escalations(id),
    created_by uuid NOT NULL REFERENCES users(id),
    created_at timestamptz NOT NULL DEFAULT now(),
    closed_at timestamptz,
    closed_by uuid REFERENCES users(id)
  )`,
  `CREATE INDEX exceptions_job_idx ON exceptions (job_id)`,
  `CREATE TABLE resolution_reasons (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    code text NOT NULL UNIQUE CHECK (code ~ '^[a-z0-9_]+$'),
    label text NOT NULL,
    is_active boolean NOT NULL DEFAULT true
  )`,
  `CREATE TABLE routing_rules (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    position integer NOT NULL,
    task_type text,
    exception_type_id uuid REFERENCES exception_types(id),
    match_user_id uuid REFERENCES users(id),
    match_site_id uuid REFERENCES sites(id),
    match_team_id uuid REFERENCES teams(id),
    team_id uuid NOT NULL REFERENCES teams(id),
    assignee_id uuid REFERENCES users(id),
    is_active boolean NOT NULL DEFAULT true,
    created_at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE TABLE settings (
    key text PRIMARY KEY,
    value jsonb NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE TABLE appointments (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    site_id uuid NOT NULL REFERENCES sites(id),
    escalation_id uuid NOT NULL REFERENCES escalations(id),
    customer_id uuid NOT NULL REFERENCES customers(id),
    starts_at timestamptz NOT NULL,
    ends_at timestamptz NOT NULL CHECK (ends_at > starts_at),
    customer_time_zone text NOT NULL,
    status text NOT NULL DEFAULT 'booked' CHECK (status IN ('booked', 'cancelled', 'completed')),
    sequence integer NOT NULL DEFAULT 0,
    booked_by uuid REFERENCES users(id),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE INDEX appointments_site_start_idx ON appointments (site_id, starts_at) WHERE status = 'booked'`,
  `CREATE TABLE tasks (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    type text NOT NULL CHECK (type IN ('callback', 'tier2_record', 'tier3', 'executive_case', 'purchasing')),
    status text NOT NULL DEFAULT 'not_started'
      CHECK (status IN ('not_started', 'in_progress', 'waiting', 'completed')),
    title text NOT NULL,
    details jsonb NOT NULL DEFAULT '{}'::jsonb,
    team_id uuid NOT NULL REFERENCES teams(id),
    assignee_id uuid REFERENCES users(id),
    due_at timestamptz,
    job_id uuid REFERENCES jobs(id),
    customer_id uuid REFERENCES customers(id),
    exception_id uuid REFERENCES exceptions(id),
    appointment_id uuid REFERENCES appointments(id),
    escalation_id uuid REFERENCES escalations(id),
    resolution_reason_id uuid REFERENCES resolution_reasons(id),
    resolution_note text,
    created_by uuid REFERENCES users(id),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    completed_at timestamptz,
    version integer NOT NULL DEFAULT 1
  )`,
  `CREATE INDEX tasks_team_status_idx ON tasks (team_id, status, created_at, id)`,
  `CREATE INDEX tasks_assignee_idx ON tasks (assignee_id, status) WHERE assignee_id IS NOT NULL`,
  `CREATE INDEX tasks_customer_idx ON tasks (customer_id)`,
  `CREATE INDEX tasks_list_idx ON tasks (created_at DESC, id DESC)`,
  // Durable timers and deferred work: claimed with FOR UPDATE SKIP LOCKED so each fires once.
  `CREATE TABLE timers (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    kind text NOT NULL,
    payload jsonb NOT NULL DEFAULT '{}'::jsonb,
    due_at timestamptz NOT NULL,
    dedupe_key text UNIQUE,
    status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done', 'failed', 'cancelled')),
    attempts integer NOT NULL DEFAULT 0,
    locked_until timestamptz,
    last_error text,
    fired_at timestamptz,
    lateness_ms integer,
    created_at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE INDEX timers_due_idx ON timers (due_at) WHERE status = 'pending'`,
  // Outbound mail is written here in the same transaction as the change it announces.
  `CREATE TABLE outbound_messages (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    to_address text NOT NULL,
    subject text NOT NULL,
    text_body text NOT NULL,
    html_body text,
    calendar jsonb,
    purpose text NOT NULL,
    related_id uuid,
    status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'kept', 'failed')),
    attempts integer NOT NULL DEFAULT 0,
    last_error text,
    raw text,
    message_id text,
    created_at timestamptz NOT NULL DEFAULT now(),
    sent_at timestamptz
  )`,
  `CREATE INDEX outbound_messages_created_idx ON outbound_messages (created_at DESC)`,
  // Live-update log: events fan out to browsers through SSE, resumable with Last-Event-ID.
  `CREATE TABLE events (
    id bigserial PRIMARY KEY,
    type text NOT NULL,
    user_ids uuid[] NOT NULL DEFAULT '{}',
    site_id uuid,
    team_id uuid,
    roles text[] NOT NULL DEFAULT '{}',
    data jsonb NOT NULL DEFAULT '{}'::jsonb,
    created_at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE TABLE idempotency_keys (
    key text NOT NULL,
    user_id uuid NOT NULL REFERENCES users(id),
    scope text NOT NULL,
    request_hash text NOT NULL,
    status_code integer NOT NULL,
    response jsonb NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, scope, key)
  )`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(): Promise<void> {
  throw new Error('the foundation migration cannot be reverted');
}
