import { type Kysely, sql } from 'kysely';

// Live transfers to a site's Leadership Desk and the callback permissions agents ask supervisors for.
// Every step keeps its own timestamp so reports can measure waits, answers and decision times.
const statements = [
  `CREATE TABLE transfer_requests (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    escalation_id uuid NOT NULL REFERENCES escalations(id),
    site_id uuid NOT NULL REFERENCES sites(id),
    agent_id uuid NOT NULL REFERENCES users(id),
    status text NOT NULL DEFAULT 'waiting'
      CHECK (status IN ('waiting', 'answered', 'conferenced', 'completed', 'abandoned')),
    enqueued_at timestamptz NOT NULL,
    estimated_wait_seconds integer CHECK (estimated_wait_seconds >= 0),
    threshold_seconds integer NOT NULL CHECK (threshold_seconds > 0),
    threshold_reached_at timestamptz,
    answered_at timestamptz,
    answered_by uuid REFERENCES users(id),
    conferenced_at timestamptz,
    left_at timestamptz,
    abandoned_at timestamptz,
    abandoned_by uuid REFERENCES users(id),
    created_at timestamptz NOT NULL DEFAULT now()
  )`,
  // An escalation is in at most one live transfer at a time.
  `CREATE UNIQUE INDEX transfer_requests_one_active_idx ON transfer_requests (escalation_id)
    WHERE status IN ('waiting', 'answered', 'conferenced')`,
  `CREATE INDEX transfer_requests_waiting_idx ON transfer_requests (site_id, enqueued_at)
    WHERE status = 'waiting'`,
  `CREATE INDEX transfer_requests_answered_idx ON transfer_requests (site_id, answered_at DESC)
    WHERE answered_at IS NOT NULL`,
  `CREATE INDEX transfer_requests_answerer_idx ON transfer_requests (answered_by)
    WHERE status IN ('answered', 'conferenced')`,
  `CREATE INDEX transfer_requests_enqueued_idx ON transfer_requests (enqueued_at)`,
  `CREATE TABLE callback_permissions (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    escalation_id uuid NOT NULL REFERENCES escalations(id),
    site_id uuid NOT NULL REFERENCES sites(id),
    requested_by uuid NOT NULL REFERENCES users(id),
    requested_at timestamptz NOT NULL,
    supervisor_id uuid NOT NULL REFERENCES users(id),
    is_fallback_supervisor boolean NOT NULL DEFAULT false,
    transfer_id uuid REFERENCES transfer_requests(id),
    threshold_reached boolean NOT NULL DEFAULT false,
    request_note text,
    status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'denied')),
    decided_at timestamptz,
    decided_by uuid REFERENCES users(id),
    note text,
    created_at timestamptz NOT NULL DEFAULT now()
  )`,
  // One open question per escalation: a second ask while one is pending is refused.
  `CREATE UNIQUE INDEX callback_permissions_one_pending_idx ON callback_permissions (escalation_id)
    WHERE status = 'pending'`,
  `CREATE INDEX callback_permissions_escalation_idx ON callback_permissions (escalation_id, status)`,
  `CREATE INDEX callback_permissions_supervisor_idx ON callback_permissions (supervisor_id, status)`,
  `CREATE INDEX callback_permissions_site_idx ON callback_permissions (site_id, status)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('DROP TABLE callback_permissions').execute(db);
  await sql.raw('DROP TABLE transfer_requests').execute(db);
}
