import { type Kysely, sql } from 'kysely';

// Inbound mail: one row per message accepted on the inbound SMTP listener, so a sender's retry of a
// message we already committed (its 250 lost on the way) does not open a second case.
const statements = [
  `CREATE TABLE inbound_messages (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    message_id text UNIQUE,
    mail_from text NOT NULL,
    rcpt_to text NOT NULL,
    subject text NOT NULL,
    size_bytes integer NOT NULL,
    task_id uuid REFERENCES tasks(id),
    received_at timestamptz NOT NULL
  )`,
  `CREATE INDEX inbound_messages_received_idx ON inbound_messages (received_at DESC)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('DROP TABLE inbound_messages').execute(db);
}
