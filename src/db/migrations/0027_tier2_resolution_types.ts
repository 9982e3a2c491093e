import { type Kysely, sql } from 'kysely';

// Issue 12: Tier 2 records are completed with their own resolution types, not the callback
// resolution reasons. Like the other pick lists (resolution_reasons, exception_types) the list is
// reference data every signed-in person reads, owned by no site or team, so it has no row-security
// policy; the task that points at it stays under the tasks policy of migration 0009.
const statements = [
  `CREATE TABLE tier2_resolution_types (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    code text NOT NULL UNIQUE CHECK (code ~ '^[a-z0-9_]+$'),
    label text NOT NULL,
    is_active boolean NOT NULL DEFAULT true
  )`,
  `ALTER TABLE tasks ADD COLUMN tier2_resolution_type_id uuid REFERENCES tier2_resolution_types(id)`,
  // A completed task carries one kind of resolution, never both.
  `ALTER TABLE tasks ADD CONSTRAINT tasks_one_resolution_kind
     CHECK (resolution_reason_id IS NULL OR tier2_resolution_type_id IS NULL)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('ALTER TABLE tasks DROP CONSTRAINT tasks_one_resolution_kind').execute(db);
  await sql.raw('ALTER TABLE tasks DROP COLUMN tier2_resolution_type_id').execute(db);
  await sql.raw('DROP TABLE tier2_resolution_types').execute(db);
}
