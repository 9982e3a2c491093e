import { type Kysely, sql } from 'kysely';

const statements = [
  // Failed sign-ins, counted per email and per client address over a sliding window. Kept in the
  // database (not in one process's memory) so every server process of an installation counts them.
  `CREATE TABLE sign_in_failures (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email text NOT NULL,
    address text NOT NULL,
    failed_at timestamptz NOT NULL
  )`,
  `CREATE INDEX sign_in_failures_email_idx ON sign_in_failures (email, failed_at)`,
  `CREATE INDEX sign_in_failures_address_idx ON sign_in_failures (address, failed_at)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('DROP TABLE sign_in_failures').execute(db);
}
