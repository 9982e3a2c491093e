import { type Kysely, sql } from 'kysely';

// Presence and live transfers live on the server: an open tab sends a heartbeat, and a sweep turns
// the silent ones offline (desk members) or ends their waiting transfers (agents). Users are not
// under row security (migration 0009), so a column needs no policy.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw('ALTER TABLE users ADD COLUMN last_seen_at timestamptz').execute(db);
  // The sweep looks for waiting transfers only; a partial index keeps that cheap as history grows.
  await sql
    .raw(
      "CREATE INDEX IF NOT EXISTS transfer_requests_waiting_idx ON transfer_requests (site_id, enqueued_at) WHERE status = 'waiting'",
    )
    .execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('DROP INDEX IF EXISTS transfer_requests_waiting_idx').execute(db);
  await sql.raw('ALTER TABLE users DROP COLUMN last_seen_at').execute(db);
}
