import { type Kysely, sql } from 'kysely';

// Indexes found missing once every feature had landed:
// - the task list sorted by due time (`sort=due`) orders by coalesce(due_at, infinity), id;
// - the mailbox looks up each message's next delivery attempt among pending mail timers.
const statements = [
  `CREATE INDEX tasks_due_order_idx ON tasks ((coalesce(due_at, 'infinity'::timestamptz)), id)`,
  `CREATE INDEX timers_pending_mail_idx ON timers ((payload->>'messageId'))
     WHERE status = 'pending' AND kind = 'mail.deliver'`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('DROP INDEX timers_pending_mail_idx').execute(db);
  await sql.raw('DROP INDEX tasks_due_order_idx').execute(db);
}
