import { type Kysely, sql } from 'kysely';

// A booking now writes its appointment before the task that points at it, so the reference is
// checked when the task is written, like every other constraint (migration 0008 had deferred it).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw('ALTER TABLE tasks ALTER CONSTRAINT tasks_appointment_id_fkey NOT DEFERRABLE').execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw('ALTER TABLE tasks ALTER CONSTRAINT tasks_appointment_id_fkey DEFERRABLE INITIALLY DEFERRED')
    .execute(db);
}
