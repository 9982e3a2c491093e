import type { Db } from '../../db/client.ts';

export function listActiveReasons(db: Db) {
  return db
    .selectFrom('escalation_reasons')
    .select(['id', 'code', 'label', 'position'])
    .where('is_active', '=', true)
    .orderBy('position')
    .orderBy('code')
    .execute();
}

export function listActiveExceptionTypes(db: Db) {
  return db
    .selectFrom('exception_types')
    .select(['id', 'code', 'label'])
    .where('is_active', '=', true)
    .orderBy('label')
    .execute();
}

export function listActiveResolutionReasons(db: Db) {
  return db
    .selectFrom('resolution_reasons')
    .select(['id', 'code', 'label'])
    .where('is_active', '=', true)
    .orderBy('label')
    .execute();
}

/** A Tier 2 record's outcomes: its own list, apart from the callback resolution reasons. */
export function listActiveTier2ResolutionTypes(db: Db) {
  return db
    .selectFrom('tier2_resolution_types')
    .select(['id', 'code', 'label'])
    .where('is_active', '=', true)
    .orderBy('label')
    .execute();
}

/**
 * Approved comments for an exception type; with a reason, the ones for that reason plus the general
 * ones (no reason), the specific ones first.
 */
export function listActiveComments(db: Db, typeCode: string, reasonCode: string | undefined) {
  let query = db
    .selectFrom('exception_comments as c')
    .innerJoin('exception_types as t', 't.id', 'c.exception_type_id')
    .leftJoin('escalation_reasons as r', 'r.id', 'c.reason_id')
    .select(['c.id', 'c.body', 't.code as exceptionType', 'r.code as reasonCode'])
    .where('t.code', '=', typeCode)
    .where('t.is_active', '=', true)
    .where('c.is_active', '=', true);
  if (reasonCode !== undefined) {
    query = query.where((eb) => eb.or([eb('r.code', '=', reasonCode), eb('c.reason_id', 'is', null)]));
  }
  return query
    .orderBy((eb) => eb.case().when('c.reason_id', 'is', null).then(1).else(0).end())
    .orderBy('c.body')
    .execute();
}
