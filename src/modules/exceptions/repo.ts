import type { Db } from '../../db/client.ts';

export function findExceptionTypeByCode(db: Db, code: string) {
  return db
    .selectFrom('exception_types')
    .select(['id', 'code', 'label', 'is_active as isActive'])
    .where('code', '=', code)
    .executeTakeFirst();
}

export function findComment(db: Db, id: string) {
  return db
    .selectFrom('exception_comments as c')
    .innerJoin('exception_types as t', 't.id', 'c.exception_type_id')
    .leftJoin('escalation_reasons as r', 'r.id', 'c.reason_id')
    .select([
      'c.id',
      'c.body',
      'c.is_active as isActive',
      'c.exception_type_id as typeId',
      't.code as typeCode',
      'c.reason_id as reasonId',
      'r.code as reasonCode',
    ])
    .where('c.id', '=', id)
    .executeTakeFirst();
}

/** The escalation's job and reason ids (for checking a comment's reason against it). */
export async function findEscalationFacts(db: Db, id: string) {
  const escalation = await db
    .selectFrom('escalations as e')
    .select((eb) => [
      'e.id',
      'e.job_id as jobId',
      eb
        .selectFrom('escalation_reason_links as l')
        .select((inner) => inner.fn.agg<string[]>('array_agg', ['l.reason_id']).as('ids'))
        .whereRef('l.escalation_id', '=', 'e.id')
        .as('reasonIds'),
    ])
    .where('e.id', '=', id)
    .executeTakeFirst();
  return escalation ? { ...escalation, reasonIds: escalation.reasonIds ?? [] } : undefined;
}

export async function insertException(
  db: Db,
  row: {
    jobId: string;
    typeId: string;
    commentId: string;
    escalationId: string | null;
    createdBy: string;
    now: Date;
  },
) {
  const inserted = await db
    .insertInto('exceptions')
    .values({
      job_id: row.jobId,
      type_id: row.typeId,
      comment_id: row.commentId,
      escalation_id: row.escalationId,
      created_by: row.createdBy,
      created_at: row.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
}

export function findExceptionView(db: Db, id: string) {
  return db
    .selectFrom('exceptions as e')
    .innerJoin('jobs as j', 'j.id', 'e.job_id')
    .innerJoin('exception_types as t', 't.id', 'e.type_id')
    .innerJoin('exception_comments as c', 'c.id', 'e.comment_id')
    .select([
      'e.id',
      'e.job_id as jobId',
      'j.number as jobNumber',
      't.code as type',
      't.label as typeLabel',
      'e.status',
      'c.id as commentId',
      'c.body as comment',
      'e.escalation_id as escalationId',
      'e.created_by as createdById',
      'e.created_at as createdAt',
      'e.closed_at as closedAt',
      'e.closed_by as closedById',
    ])
    .where('e.id', '=', id)
    .executeTakeFirst();
}

/** Closes an open exception; returns its job and type label, or undefined if it was not open. */
export function closeOpenException(db: Db, id: string, closedBy: string | null, now: Date) {
  return db
    .updateTable('exceptions as e')
    .from('exception_types as t')
    .set({ status: 'closed', closed_at: now, closed_by: closedBy })
    .whereRef('t.id', '=', 'e.type_id')
    .where('e.id', '=', id)
    .where('e.status', '=', 'open')
    .returning(['e.id', 'e.job_id as jobId', 't.label as typeLabel'])
    .executeTakeFirst();
}
