import { type Kysely, sql } from 'kysely';

// Issue 13: events out (webhook endpoints and their durable deliveries) and company sign-in
// (rules that map an identity provider's claim to a role, site and team).
const statements = [
  `CREATE TABLE webhook_endpoints (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    url text NOT NULL,
    events text[] NOT NULL,
    secret text NOT NULL,
    is_active boolean NOT NULL DEFAULT true,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL
  )`,
  // seq orders deliveries of one record to one endpoint (a later one waits for the earlier).
  `CREATE TABLE webhook_deliveries (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    seq bigint GENERATED ALWAYS AS IDENTITY,
    endpoint_id uuid NOT NULL REFERENCES webhook_endpoints(id) ON DELETE CASCADE,
    message_id text NOT NULL,
    event_type text NOT NULL,
    record_key text NOT NULL,
    payload jsonb NOT NULL,
    status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
    attempts integer NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    locked_until timestamptz,
    lease uuid,
    last_status_code integer,
    last_error text,
    last_attempt_at timestamptz,
    last_duration_ms integer,
    delivered_at timestamptz,
    replay_of uuid REFERENCES webhook_deliveries(id) ON DELETE SET NULL,
    created_at timestamptz NOT NULL
  )`,
  `CREATE INDEX webhook_deliveries_due_idx ON webhook_deliveries (next_attempt_at) WHERE status = 'pending'`,
  `CREATE INDEX webhook_deliveries_record_idx ON webhook_deliveries (endpoint_id, record_key, seq)
     WHERE status = 'pending'`,
  `CREATE INDEX webhook_deliveries_log_idx ON webhook_deliveries (endpoint_id, seq DESC)`,
  `CREATE TABLE sso_rules (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    position integer GENERATED ALWAYS AS IDENTITY,
    claim_value text NOT NULL,
    role text NOT NULL,
    site_id uuid REFERENCES sites(id),
    team_id uuid REFERENCES teams(id),
    created_at timestamptz NOT NULL
  )`,
  // Who a user is at the identity provider (issuer + subject), so a changed email keeps the user.
  `CREATE TABLE sso_identities (
    issuer text NOT NULL,
    subject text NOT NULL,
    user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (issuer, subject)
  )`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('DROP TABLE sso_identities').execute(db);
  await sql.raw('DROP TABLE sso_rules').execute(db);
  await sql.raw('DROP TABLE webhook_deliveries').execute(db);
  await sql.raw('DROP TABLE webhook_endpoints').execute(db);
}
