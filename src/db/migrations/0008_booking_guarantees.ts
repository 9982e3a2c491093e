import { type Kysely, sql } from 'kysely';

const statements = [
  // A booking makes its appointment's id first, creates the callback task pointing at it, and
  // writes the appointment itself (already linked to its exception and task) with the booking's
  // other waiting writes just before the commit: the task's reference is checked at commit.
  `ALTER TABLE tasks ALTER CONSTRAINT tasks_appointment_id_fkey DEFERRABLE INITIALLY DEFERRED`,
  // One booked callback per escalation, whatever the concurrency: a booking that waited on the
  // escalation's lock reads the appointments as they were before it waited.
  `CREATE UNIQUE INDEX appointments_one_booked_per_escalation ON appointments (escalation_id)
     WHERE status = 'booked'`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('DROP INDEX appointments_one_booked_per_escalation').execute(db);
  await sql.raw('ALTER TABLE tasks ALTER CONSTRAINT tasks_appointment_id_fkey NOT DEFERRABLE').execute(db);
}
