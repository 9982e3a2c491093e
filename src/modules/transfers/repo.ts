import { type Selectable, sql } from 'kysely';
import type { Db } from '../../db/client.ts';
import type { Actor } from '../../http/auth.ts';
import { transferInReach } from './policy.ts';
import type { TransferRequestsTable, TransferStatus } from './tables.ts';

export const activeStatuses: TransferStatus[] = ['waiting', 'answered', 'conferenced'];

const reasonCodes = sql<string[]>`(SELECT coalesce(array_agg(r.code ORDER BY r.position), '{}')
  FROM escalation_reason_links l JOIN escalation_reasons r ON r.id = l.reason_id
  WHERE l.escalation_id = e.id)`;

export async function insertTransfer(
  db: Db,
  row: {
    escalationId: string;
    siteId: string;
    agentId: string;
    enqueuedAt: Date;
    estimatedWaitSeconds: number | null;
    thresholdSeconds: number;
  },
) {
  return db
    .insertInto('transfer_requests')
    .values({
      escalation_id: row.escalationId,
      site_id: row.siteId,
      agent_id: row.agentId,
      enqueued_at: row.enqueuedAt,
      estimated_wait_seconds: row.estimatedWaitSeconds,
      threshold_seconds: row.thresholdSeconds,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

export function findTransfer(db: Db, id: string) {
  return db.selectFrom('transfer_requests').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A transfer if the actor reaches it (see `policy.ts`). */
export function findTransferFor(db: Db, actor: Actor, id: string) {
  return db
    .selectFrom('transfer_requests')
    .selectAll()
    .where('id', '=', id)
    .where(transferInReach(actor, 'transfer_requests.escalation_id'))
    .executeTakeFirst();
}

export function findActiveTransferOfEscalation(db: Db, escalationId: string) {
  return db
    .selectFrom('transfer_requests')
    .select(['id', 'status'])
    .where('escalation_id', '=', escalationId)
    .where('status', 'in', activeStatuses)
    .executeTakeFirst();
}

/** The live transfer of each of `escalationIds` that has one (the newest enqueued), one query. */
export function listActiveTransfersOfEscalations(db: Db, escalationIds: readonly string[]) {
  return db
    .selectFrom('transfer_requests')
    .distinctOn('escalation_id')
    .select(['escalation_id as escalationId', 'id', 'status'])
    .where('escalation_id', 'in', escalationIds)
    .where('status', 'in', activeStatuses)
    .orderBy('escalation_id')
    .orderBy('enqueued_at', 'desc')
    .execute();
}

export function findLatestTransferOfEscalation(db: Db, escalationId: string) {
  return db
    .selectFrom('transfer_requests')
    .selectAll()
    .where('escalation_id', '=', escalationId)
    .orderBy('enqueued_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** The live transfer a desk member is handling, if any (a member takes one call at a time). */
export function findTransferHeldBy(db: Db, memberId: string) {
  return db
    .selectFrom('transfer_requests')
    .select(['id'])
    .where('answered_by', '=', memberId)
    .where('status', 'in', ['answered', 'conferenced'])
    .executeTakeFirst();
}

/** Requests waiting at the site that entered the queue before `enqueuedAt` (or at it). */
export async function countWaitingUpTo(db: Db, siteId: string, enqueuedAt: Date): Promise<number> {
  const row = await db
    .selectFrom('transfer_requests')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('site_id', '=', siteId)
    .where('status', '=', 'waiting')
    .where('enqueued_at', '<=', enqueuedAt)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Seconds from enqueue to answer of the site's most recent answered requests (newest first). */
export async function listRecentAnswerSeconds(db: Db, siteId: string, since: Date, limit: number) {
  const rows = await db
    .selectFrom('transfer_requests')
    .select(sql<number>`extract(epoch from (answered_at - enqueued_at))::float8`.as('seconds'))
    .where('site_id', '=', siteId)
    .where('answered_at', 'is not', null)
    .where('answered_at', '>=', since)
    .orderBy('answered_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => Number(r.seconds));
}

/**
 * Moves a transfer from one of `from` to a new status in one conditional UPDATE: under concurrency
 * exactly one caller gets the row back (the others' WHERE no longer matches once it commits).
 */
export function advanceTransfer(
  db: Db,
  id: string,
  from: TransferStatus[],
  set: Partial<{
    status: TransferStatus;
    answered_at: Date;
    answered_by: string;
    conferenced_at: Date;
    left_at: Date;
    abandoned_at: Date;
    abandoned_by: string;
  }>,
) {
  return db
    .updateTable('transfer_requests')
    .set(set)
    .where('id', '=', id)
    .where('status', 'in', from)
    .returningAll()
    .executeTakeFirst();
}

/** Marks the threshold reached if the request is still waiting; returns the row when it did. */
export function markThresholdReached(db: Db, id: string, at: Date) {
  return db
    .updateTable('transfer_requests')
    .set({ threshold_reached_at: at })
    .where('id', '=', id)
    .where('status', '=', 'waiting')
    .where('threshold_reached_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
}

/** Transfers of a site in the given statuses, oldest first, with what the queue shows. */
export function listSiteTransfers(db: Db, siteId: string, statuses: TransferStatus[]) {
  return db
    .selectFrom('transfer_requests as t')
    .innerJoin('escalations as e', 'e.id', 't.escalation_id')
    .innerJoin('jobs as j', 'j.id', 'e.job_id')
    .innerJoin('customers as c', 'c.id', 'e.customer_id')
    .innerJoin('users as a', 'a.id', 't.agent_id')
    .leftJoin('users as m', 'm.id', 't.answered_by')
    .selectAll('t')
    .select([
      'j.number as job_number',
      'c.name as customer_name',
      'a.name as agent_name',
      'm.name as answered_by_name',
      'e.summary',
      reasonCodes.as('reasons'),
    ])
    .where('t.site_id', '=', siteId)
    .where('t.status', 'in', statuses)
    .orderBy('t.enqueued_at')
    .orderBy('t.id')
    .execute();
}

export function findUserName(db: Db, id: string) {
  return db.selectFrom('users').select(['id', 'name']).where('id', '=', id).executeTakeFirst();
}

export type TransferRow = Selectable<TransferRequestsTable>;

/** A transfer with the names and slugs its views show. */
export function findTransferView(db: Db, id: string) {
  return db
    .selectFrom('transfer_requests as t')
    .innerJoin('sites as s', 's.id', 't.site_id')
    .innerJoin('users as a', 'a.id', 't.agent_id')
    .leftJoin('users as m', 'm.id', 't.answered_by')
    .selectAll('t')
    .select([
      's.slug as site_slug',
      's.name as site_name',
      'a.name as agent_name',
      'm.name as answered_by_name',
      'm.role as answered_by_role',
    ])
    .where('t.id', '=', id)
    .executeTakeFirst();
}

export function listTransfersOfEscalation(db: Db, actor: Actor, escalationId: string) {
  return db
    .selectFrom('transfer_requests')
    .selectAll()
    .where('escalation_id', '=', escalationId)
    .where(transferInReach(actor, 'transfer_requests.escalation_id'))
    .orderBy('enqueued_at', 'desc')
    .limit(50)
    .execute();
}

/** The newest live transfer of a customer, by their number in E.164 (the phone platform's match). */
export async function findLiveTransferIdByCustomerPhone(db: Db, phone: string) {
  const row = await db
    .selectFrom('transfer_requests as tr')
    .innerJoin('escalations as e', 'e.id', 'tr.escalation_id')
    .innerJoin('customers as c', 'c.id', 'e.customer_id')
    .select('tr.id')
    .where('c.phone', '=', phone)
    .where('tr.status', 'in', activeStatuses)
    .orderBy('tr.enqueued_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.id ?? null;
}

/**
 * Waiting transfers whose agent's tab went silent before `cutoff`. Agents who never sent a
 * heartbeat (API callers, the phone platform) are not judged by one.
 */
export function listWaitingTransfersOfSilentAgents(db: Db, cutoff: Date) {
  return db
    .selectFrom('transfer_requests as t')
    .innerJoin('users as a', 'a.id', 't.agent_id')
    .select(['t.id'])
    .where('t.status', '=', 'waiting')
    .where('a.last_seen_at', '<', cutoff)
    .orderBy('t.enqueued_at')
    .limit(500)
    .execute();
}

/** The site's waiting transfers, oldest first (their position is their order). */
export function listWaitingTransfers(db: Db, siteId: string) {
  return db
    .selectFrom('transfer_requests')
    .select(['id', 'estimated_wait_seconds'])
    .where('site_id', '=', siteId)
    .where('status', '=', 'waiting')
    .orderBy('enqueued_at')
    .orderBy('id')
    .execute();
}

export async function updateEstimate(db: Db, id: string, estimatedWaitSeconds: number | null) {
  return db
    .updateTable('transfer_requests')
    .set({ estimated_wait_seconds: estimatedWaitSeconds })
    .where('id', '=', id)
    .where('status', '=', 'waiting')
    .returningAll()
    .executeTakeFirst();
}
