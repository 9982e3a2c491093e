import { sql } from 'kysely';
import type { Db } from '../../db/client.ts';
import { AppError } from '../../lib/errors.ts';

type ReferencedTable = 'sites' | 'teams' | 'users' | 'exception_types' | 'escalation_reasons';

/** A 422 that names the offending field, so a form or a CSV import can point at it. */
export function badReference(field: string, message: string) {
  return new AppError('unprocessable', `${field}: ${message}`, { field });
}

/** Throws a 422 naming `field` unless a row with this id exists in `table`. */
export async function requireReference(db: Db, table: ReferencedTable, id: string, field: string) {
  const found = await sql<{ id: string }>`SELECT id FROM ${sql.table(table)} WHERE id = ${id}`.execute(db);
  if (!found.rows.length) throw badReference(field, `${id} does not exist`);
}
