import { type Kysely, sql } from 'kysely';

// Systems of record (issue 13): the `integration` role for API tokens of a job system or phone
// platform, customers keyed by the job system's id, and the call events the phone platform sends.
// Jobs need no new key: `jobs.number` is the job system's number (see src/modules/integrations).
const statements = [
  `ALTER TABLE users DROP CONSTRAINT users_role_check`,
  `ALTER TABLE users ADD CONSTRAINT users_role_check CHECK (role IN ('agent', 'supervisor', 'lead',
    'sme', 'callback_agent', 'tier2', 'tier3', 'exec_escalations', 'purchasing', 'admin', 'integration'))`,
  `ALTER TABLE customers ADD COLUMN external_id text`,
  `CREATE UNIQUE INDEX customers_external_id_key ON customers (external_id)`,
  `CREATE TABLE call_events (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    call_id text NOT NULL,
    event text NOT NULL,
    at timestamptz NOT NULL,
    outcome text,
    agent_email text,
    customer_phone text,
    transfer_id uuid,
    task_id uuid,
    status text NOT NULL DEFAULT 'applying'
      CHECK (status IN ('applying', 'applied', 'unmatched', 'refused')),
    detail text,
    matched_transfer_id uuid,
    matched_task_id uuid,
    attempt_id uuid,
    received_at timestamptz NOT NULL DEFAULT now(),
    settled_at timestamptz,
    UNIQUE (call_id, event)
  )`,
  `CREATE INDEX call_events_review_idx ON call_events (received_at DESC)
     WHERE status IN ('unmatched', 'refused')`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('DROP TABLE call_events').execute(db);
  await sql.raw('DROP INDEX customers_external_id_key').execute(db);
  await sql.raw('ALTER TABLE customers DROP COLUMN external_id').execute(db);
  await sql.raw(`DELETE FROM users WHERE role = 'integration'`).execute(db);
  await sql.raw('ALTER TABLE users DROP CONSTRAINT users_role_check').execute(db);
  await sql
    .raw(`ALTER TABLE users ADD CONSTRAINT users_role_check CHECK (role IN ('agent', 'supervisor',
      'lead', 'sme', 'callback_agent', 'tier2', 'tier3', 'exec_escalations', 'purchasing', 'admin'))`)
    .execute(db);
}
