import { sql } from 'kysely';
import type { Db } from '../../db/client.ts';

// What the phone platform asks of tasks: which callback task a call is about, and whom to call.

/**
 * For the phone platform: a callback task by id, or the open callback task of the customer with this
 * number (E.164), the one due soonest. No actor: the caller acts for the task's team member.
 */
export function findCallbackTaskForCall(db: Db, match: { id: string } | { phone: string }) {
  let query = db
    .selectFrom('tasks as t')
    .leftJoin('jobs as j', 'j.id', 't.job_id')
    .select(['t.id', 't.type', 't.status', 't.assignee_id as assigneeId', 't.team_id as teamId']);
  if ('id' in match) return query.where('t.id', '=', match.id).executeTakeFirst();
  query = query
    .innerJoin('customers as c', (join) =>
      join.on(sql<boolean>`c.id = coalesce(t.customer_id, j.customer_id)`),
    )
    .where('c.phone', '=', match.phone)
    .where('t.type', '=', 'callback')
    .where('t.status', '!=', 'completed')
    .orderBy(sql`coalesce(t.due_at, 'infinity'::timestamptz)`)
    .orderBy('t.id')
    .limit(1);
  return query.executeTakeFirst();
}

/** The number to call for a task: its customer's, or its job's customer's. */
export async function findTaskCustomerPhone(db: Db, taskId: string): Promise<string | null> {
  const row = await db
    .selectFrom('tasks as t')
    .leftJoin('jobs as j', 'j.id', 't.job_id')
    .innerJoin('customers as c', (join) =>
      join.on(sql<boolean>`c.id = coalesce(t.customer_id, j.customer_id)`),
    )
    .select('c.phone')
    .where('t.id', '=', taskId)
    .executeTakeFirst();
  return row?.phone ?? null;
}
