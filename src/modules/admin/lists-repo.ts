import type { Db } from '../../db/client.ts';

// The admin-managed pick lists: escalation reasons, exception types and their approved comments,
// resolution reasons, Tier 2 resolution types. Rows are never deleted, only deactivated (`is_active`).

/** The lists that share one shape: code, label, active. */
export type CodedListTable = 'exception_types' | 'resolution_reasons' | 'tier2_resolution_types';
export type CodedTable = 'escalation_reasons' | CodedListTable;

export function listReasons(db: Db) {
  return db
    .selectFrom('escalation_reasons')
    .select(['id', 'code', 'label', 'position', 'is_active as isActive'])
    .orderBy('position')
    .orderBy('code')
    .execute();
}

export function findReason(db: Db, id: string) {
  return db
    .selectFrom('escalation_reasons')
    .select(['id', 'code', 'label', 'position', 'is_active as isActive'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function insertReason(db: Db, row: { code: string; label: string; position: number }) {
  const { id } = await db
    .insertInto('escalation_reasons')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function updateReason(
  db: Db,
  id: string,
  patch: { label?: string; position?: number; is_active?: boolean },
) {
  const result = await db
    .updateTable('escalation_reasons')
    .set(patch)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export function listCoded(db: Db, table: CodedListTable) {
  return db
    .selectFrom(table)
    .select(['id', 'code', 'label', 'is_active as isActive'])
    .orderBy('code')
    .execute();
}

export function findCoded(db: Db, table: CodedListTable, id: string) {
  return db
    .selectFrom(table)
    .select(['id', 'code', 'label', 'is_active as isActive'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function insertCoded(db: Db, table: CodedListTable, row: { code: string; label: string }) {
  const { id } = await db.insertInto(table).values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function updateCoded(
  db: Db,
  table: CodedListTable,
  id: string,
  patch: { label?: string; is_active?: boolean },
) {
  const result = await db.updateTable(table).set(patch).where('id', '=', id).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Whether a code is taken in one of the coded lists (active or not: codes are never reused). */
export async function isCodeTaken(db: Db, table: CodedTable, code: string) {
  const row = await db.selectFrom(table).select('id').where('code', '=', code).executeTakeFirst();
  return row !== undefined;
}

function selectComments(db: Db) {
  return db
    .selectFrom('exception_comments as c')
    .innerJoin('exception_types as t', 't.id', 'c.exception_type_id')
    .leftJoin('escalation_reasons as r', 'r.id', 'c.reason_id')
    .select([
      'c.id',
      'c.exception_type_id as exceptionTypeId',
      't.code as exceptionType',
      'c.reason_id as reasonId',
      'r.code as reasonCode',
      'c.body',
      'c.is_active as isActive',
    ]);
}

export function listComments(db: Db) {
  return selectComments(db).orderBy('t.code').orderBy('r.code').orderBy('c.body').execute();
}

export function findComment(db: Db, id: string) {
  return selectComments(db).where('c.id', '=', id).executeTakeFirst();
}

export async function insertComment(
  db: Db,
  row: { exception_type_id: string; reason_id: string | null; body: string },
) {
  const { id } = await db
    .insertInto('exception_comments')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function updateComment(
  db: Db,
  id: string,
  patch: { reason_id?: string | null; body?: string; is_active?: boolean },
) {
  const result = await db
    .updateTable('exception_comments')
    .set(patch)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
