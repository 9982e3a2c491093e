import type { Db } from '../../db/client.ts';
import type { AttemptOutcome } from '../promises/tables.ts';

export async function insertAttempt(
  db: Db,
  row: {
    taskId: string;
    appointmentId: string | null;
    at: Date;
    byUserId: string;
    outcome: AttemptOutcome;
    note: string | null;
    isEarly: boolean;
    countsTowardLimit: boolean;
  },
): Promise<string> {
  const inserted = await db
    .insertInto('call_attempts')
    .values({
      task_id: row.taskId,
      appointment_id: row.appointmentId,
      at: row.at,
      by_user_id: row.byUserId,
      outcome: row.outcome,
      note: row.note,
      is_early: row.isEarly,
      counts_toward_limit: row.countsTowardLimit,
      created_at: row.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
}

/** A task's attempts, oldest first; with an appointment, only those made for it. */
export function listAttempts(db: Db, taskId: string, appointmentId?: string | null) {
  let query = db
    .selectFrom('call_attempts as ca')
    .innerJoin('users as u', 'u.id', 'ca.by_user_id')
    .select([
      'ca.id',
      'ca.task_id as taskId',
      'ca.appointment_id as appointmentId',
      'ca.at',
      'ca.outcome',
      'ca.note',
      'ca.is_early as isEarly',
      'ca.counts_toward_limit as countsTowardLimit',
      'ca.by_user_id as byUserId',
      'u.name as byName',
    ])
    .where('ca.task_id', '=', taskId);
  if (appointmentId !== undefined) {
    query = appointmentId
      ? query.where('ca.appointment_id', '=', appointmentId)
      : query.where('ca.appointment_id', 'is', null);
  }
  return query.orderBy('ca.at').orderBy('ca.created_at').execute();
}
