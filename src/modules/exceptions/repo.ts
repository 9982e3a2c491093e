import { sql } from 'kysely';
import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/client.ts';
import type { Actor } from '../../http/auth.ts';
import { escalationInReach } from '../escalations/policy.ts';
import { exceptionInReach } from './policy.ts';

export function findExceptionTypeByCode(db: Db, code: string) {
  return db
    .selectFrom('exception_types')
    .select(['id', 'code', 'label', 'is_active as isActive'])
    .where('code', '=', code)
    .executeTakeFirst();
}

/**
 * The exception type by code and, in the same round trip, the comment by id (null when there is no
 * such comment): what `findExceptionTypeByCode` and `findComment` answer, in one query.
 */
export async function findTypeAndComment(db: Db, code: string, commentId: string) {
  const row = await db
    .selectFrom('exception_types as t')
    .leftJoin('exception_comments as c', (join) => join.on('c.id', '=', commentId))
    .leftJoin('exception_types as ct', 'ct.id', 'c.exception_type_id')
    .leftJoin('escalation_reasons as r', 'r.id', 'c.reason_id')
    .select([
      't.id',
      't.code',
      't.label',
      't.is_active as isActive',
      'c.id as commentId',
      'c.body as commentBody',
      'c.is_active as commentIsActive',
      'c.exception_type_id as commentTypeId',
      'ct.code as commentTypeCode',
      'c.reason_id as commentReasonId',
      'r.code as commentReasonCode',
    ])
    .where('t.code', '=', code)
    .executeTakeFirst();
  if (!row) return { type: undefined, comment: undefined };
  const type = { id: row.id, code: row.code, label: row.label, isActive: row.isActive };
  const comment =
    row.commentId === null
      ? undefined
      : {
          id: row.commentId,
          body: row.commentBody!,
          isActive: row.commentIsActive!,
          typeId: row.commentTypeId!,
          typeCode: row.commentTypeCode!,
          reasonId: row.commentReasonId,
          reasonCode: row.commentReasonCode,
        };
  return { type, comment };
}
/**
 * An exception type (by code) with the comment to use for an escalation with these reasons: an
 * active comment written for one of them (in the reasons' list order), otherwise the general one.
 */
export async function findTypeAndCommentForReasons(
  db: Db,
  code: string,
  reasonIds: string[],
): Promise<Awaited<ReturnType<typeof findTypeAndComment>>> {
  const reasons = reasonIds.length ? sql`${sql.join(reasonIds)}` : sql`NULL`;
  const result = await sql<{
    id: string;
    label: string;
    is_active: boolean;
    comment_id: string | null;
    comment_body: string | null;
    comment_reason_id: string | null;
    comment_reason_code: string | null;
  }>`
    SELECT t.id, t.label, t.is_active, cm.id AS comment_id, cm.body AS comment_body,
      cm.reason_id AS comment_reason_id, cm.reason_code AS comment_reason_code
    FROM exception_types t
    LEFT JOIN LATERAL (
      SELECT ec.id, ec.body, ec.reason_id, r.code AS reason_code
      FROM exception_comments ec
      LEFT JOIN escalation_reasons r ON r.id = ec.reason_id
      WHERE ec.exception_type_id = t.id AND ec.is_active
        AND (ec.reason_id IS NULL OR ec.reason_id IN (${reasons}))
      ORDER BY ec.reason_id IS NULL, r.position
      LIMIT 1
    ) cm ON true
    WHERE t.code = ${code}`.execute(db);
  const row = result.rows[0];
  if (!row) return { type: undefined, comment: undefined };
  const type = { id: row.id, code, label: row.label, isActive: row.is_active };
  const comment = row.comment_id
    ? {
        id: row.comment_id,
        body: row.comment_body ?? '',
        isActive: true,
        typeId: row.id,
        typeCode: code,
        reasonId: row.comment_reason_id,
        reasonCode: row.comment_reason_code,
      }
    : undefined;
  return { type, comment };
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
/** The escalation's job and reasons, if the actor reaches the escalation. */
export async function findEscalationFacts(db: Db, actor: Actor, id: string) {
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
    .where(escalationInReach(actor, 'e.id'))
    .executeTakeFirst();
  return escalation ? { ...escalation, reasonIds: escalation.reasonIds ?? [] } : undefined;
}

type NewException = {
  jobId: string;
  typeId: string;
  commentId: string;
  escalationId: string | null;
  createdBy: string;
  now: Date;
};

function exceptionValues(row: NewException) {
  return {
    id: randomUUID(),
    job_id: row.jobId,
    type_id: row.typeId,
    comment_id: row.commentId,
    escalation_id: row.escalationId,
    created_by: row.createdBy,
    created_at: row.now,
  };
}

/** Inserts an open exception and returns its id (made here, so nothing is read back). */
export async function insertException(db: Db, row: NewException): Promise<{ id: string }> {
  const values = exceptionValues(row);
  await db.insertInto('exceptions').values(values).execute();
  return { id: values.id };
}

function fromExceptions(db: Db) {
  return db.selectFrom('exceptions as e');
}

function selectExceptionViews(source: ReturnType<typeof fromExceptions>) {
  return source
    .innerJoin('jobs as j', 'j.id', 'e.job_id')
    .innerJoin('exception_types as t', 't.id', 'e.type_id')
    .innerJoin('exception_comments as c', 'c.id', 'e.comment_id')
    .select([
      'e.id',
      'e.job_id as jobId',
      'j.number as jobNumber',
      'j.customer_id as customerId',
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
    ]);
}

export function findExceptionView(db: Db, id: string) {
  return selectExceptionViews(fromExceptions(db)).where('e.id', '=', id).executeTakeFirst();
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
    .returning((eb) => [
      'e.id',
      'e.job_id as jobId',
      't.label as typeLabel',
      eb.selectFrom('jobs as j').select('j.number').whereRef('j.id', '=', 'e.job_id').as('jobNumber'),
    ])
    .executeTakeFirst();
}

/** The exceptions of a job that the actor reaches, oldest first (the job's detail). */
export function listJobExceptions(db: Db, actor: Actor, jobId: string) {
  return db
    .selectFrom('exceptions as e')
    .innerJoin('exception_types as t', 't.id', 'e.type_id')
    .innerJoin('exception_comments as c', 'c.id', 'e.comment_id')
    .select([
      'e.id',
      't.code as type',
      't.label as typeLabel',
      'e.status',
      'c.id as commentId',
      'c.body as comment',
      'e.escalation_id as escalationId',
      'e.created_at as createdAt',
      'e.closed_at as closedAt',
    ])
    .where('e.job_id', '=', jobId)
    .where(exceptionInReach(actor, 'e.id'))
    .orderBy('e.created_at')
    .execute();
}
