import type { Db } from '../../db/client.ts';

// The lists a task is created or completed from (reasons, resolution types) and the people and
// jobs its answer goes back to: read by create-task, complete-task and purchasing-answer.

export function findActiveResolutionReason(db: Db, id: string) {
  return db
    .selectFrom('resolution_reasons')
    .select(['id', 'code', 'label'])
    .where('id', '=', id)
    .where('is_active', '=', true)
    .executeTakeFirst();
}

export function findActiveTier2ResolutionType(db: Db, id: string) {
  return db
    .selectFrom('tier2_resolution_types')
    .select(['id', 'code', 'label'])
    .where('id', '=', id)
    .where('is_active', '=', true)
    .executeTakeFirst();
}

export async function findJobNumber(db: Db, jobId: string): Promise<string | null> {
  const row = await db.selectFrom('jobs').select('number').where('id', '=', jobId).executeTakeFirst();
  return row?.number ?? null;
}

/** Who asked for a task (its creator), to send them the answer. */
export function findRequester(db: Db, userId: string) {
  return db.selectFrom('users').select(['id', 'name', 'email']).where('id', '=', userId).executeTakeFirst();
}

/** A resolution reason by its code, active or not (the system's own resolutions). */
export function findResolutionReasonByCode(db: Db, code: string) {
  return db
    .selectFrom('resolution_reasons')
    .select(['id', 'code', 'label'])
    .where('code', '=', code)
    .executeTakeFirst();
}

export function findActiveEscalationReason(db: Db, code: string) {
  return db
    .selectFrom('escalation_reasons')
    .select(['id', 'code', 'label'])
    .where('code', '=', code)
    .where('is_active', '=', true)
    .executeTakeFirst();
}
