import { type Kysely, sql } from 'kysely';

// A booking makes its appointment's id first, creates the callback task pointing at it, and writes
// the appointment itself (already linked to its exception and task) with the booking's other
// waiting writes just before the commit. The task's reference to it is therefore checked at commit.
const statements = [
  `ALTER TABLE tasks ALTER CONSTRAINT tasks_appointment_id_fkey DEFERRABLE INITIALLY DEFERRED`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('ALTER TABLE tasks ALTER CONSTRAINT tasks_appointment_id_fkey NOT DEFERRABLE').execute(db);
}
