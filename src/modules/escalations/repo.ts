import { sql } from 'kysely';
import type { Db } from '../../db/client.ts';
import type { Actor } from '../../http/auth.ts';
import { escalationInReach } from './policy.ts';

export function findReasonsByCode(db: Db, codes: string[]) {
  return db
    .selectFrom('escalation_reasons')
    .select(['id', 'code', 'label'])
    .where('code', 'in', codes)
    .where('is_active', '=', true)
    .execute();
}

/** The active outage covering a site, if any (the newest one). */
export function findActiveOutageForSite(db: Db, siteId: string) {
  return db
    .selectFrom('outages as o')
    .innerJoin('outage_sites as os', 'os.outage_id', 'o.id')
    .select(['o.id', 'o.title'])
    .where('os.site_id', '=', siteId)
    .where('o.ended_at', 'is', null)
    .orderBy('o.started_at', 'desc')
    .executeTakeFirst();
}

export async function insertEscalation(
  db: Db,
  row: {
    jobId: string;
    customerId: string;
    siteId: string;
    raisedBy: string;
    summary: string;
    outageId: string | null;
    createdAt: Date;
  },
  reasonIds: string[],
) {
  const escalation = await db
    .insertInto('escalations')
    .values({
      job_id: row.jobId,
      customer_id: row.customerId,
      site_id: row.siteId,
      raised_by: row.raisedBy,
      summary: row.summary,
      outage_id: row.outageId,
      created_at: row.createdAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('escalation_reason_links')
    .values(reasonIds.map((reasonId) => ({ escalation_id: escalation.id, reason_id: reasonId })))
    .execute();
  return escalation.id;
}

/** Escalations as the API shows them, reasons as codes (one query, however many rows). */
function selectEscalationViews(db: Db) {
  return db
    .selectFrom('escalations as e')
    .innerJoin('jobs as j', 'j.id', 'e.job_id')
    .innerJoin('sites as s', 's.id', 'e.site_id')
    .innerJoin('users as u', 'u.id', 'e.raised_by')
    .select((eb) => [
      'e.id',
      'j.number as jobNumber',
      'e.job_id as jobId',
      'e.customer_id as customerId',
      'e.summary',
      'e.status',
      's.slug as siteSlug',
      'e.site_id as siteId',
      'e.outage_id as outageId',
      'e.raised_by as raisedById',
      'u.name as raisedByName',
      'e.created_at as createdAt',
      eb
        .selectFrom('escalation_reason_links as l')
        .innerJoin('escalation_reasons as r', 'r.id', 'l.reason_id')
        .select((inner) => inner.fn.agg<string[]>('array_agg', ['r.code']).as('codes'))
        .whereRef('l.escalation_id', '=', 'e.id')
        .as('reasons'),
    ]);
}

export function findEscalationView(db: Db, id: string) {
  return selectEscalationViews(db).where('e.id', '=', id).executeTakeFirst();
}

/** An escalation if the actor reaches it (see `policy.ts`). */
export function findEscalationViewFor(db: Db, actor: Actor, id: string) {
  return selectEscalationViews(db)
    .where('e.id', '=', id)
    .where(escalationInReach(actor, 'e.id'))
    .executeTakeFirst();
}

/** A customer's escalations that the actor reaches, newest first. */
export function listEscalationViewsOfCustomer(db: Db, actor: Actor, customerId: string) {
  return selectEscalationViews(db)
    .where('e.customer_id', '=', customerId)
    .where(escalationInReach(actor, 'e.id'))
    .orderBy('e.created_at', 'desc')
    .execute();
}

type EscalationStatusChange = {
  id: string;
  status: 'open' | 'in_queue' | 'transferred' | 'callback_requested' | 'callback_booked' | 'closed';
};

export async function updateEscalationStatus(db: Db, id: string, status: EscalationStatusChange['status']) {
  await db.updateTable('escalations').set({ status }).where('id', '=', id).execute();
}

/** An escalation the actor reaches with its reason ids, locked (bookings of one escalation queue up). */
export function lockEscalationWithReasons(db: Db, actor: Actor, id: string) {
  return db
    .selectFrom('escalations as e')
    .select((eb) => [
      'e.id',
      'e.site_id as siteId',
      'e.job_id as jobId',
      'e.customer_id as customerId',
      eb
        .selectFrom('escalation_reason_links as l')
        .select(sql<string[] | null>`array_agg(l.reason_id)`.as('ids'))
        .whereRef('l.escalation_id', '=', 'e.id')
        .as('reasonIds'),
    ])
    .where('e.id', '=', id)
    .where(escalationInReach(actor, 'e.id'))
    .forUpdate('e')
    .executeTakeFirst();
}

/**
 * Escalations raised by the actor still in one of `statuses` that they reach, newest first (at
 * most 50), with their job's number, customer id and reason codes. Their transfer and callback
 * permission belong to transfers and permissions, which ask for them by these ids.
 */
export function listOpenEscalationsRaisedBy(
  db: Db,
  actor: Actor,
  statuses: readonly EscalationStatusChange['status'][],
  jobNumber: string | undefined,
) {
  let query = db
    .selectFrom('escalations as e')
    .innerJoin('jobs as j', 'j.id', 'e.job_id')
    .select((eb) => [
      'e.id',
      'j.number as jobNumber',
      'e.customer_id as customerId',
      'e.summary',
      'e.status',
      'e.created_at as createdAt',
      eb
        .selectFrom('escalation_reason_links as l')
        .innerJoin('escalation_reasons as r', 'r.id', 'l.reason_id')
        .select((inner) => inner.fn.agg<string[]>('array_agg', ['r.code']).as('codes'))
        .whereRef('l.escalation_id', '=', 'e.id')
        .as('reasons'),
    ])
    .where('e.raised_by', '=', actor.id)
    .where('e.status', 'in', statuses)
    .where(escalationInReach(actor, 'e.id'));
  if (jobNumber) query = query.where('j.number', '=', jobNumber);
  return query.orderBy('e.created_at', 'desc').limit(50).execute();
}

/** The newest escalation of a job in one of `statuses` that the actor reaches (the duplicate guard). */
export function findOpenEscalationOfJob(
  db: Db,
  actor: Actor,
  jobId: string,
  statuses: readonly EscalationStatusChange['status'][],
) {
  return db
    .selectFrom('escalations as e')
    .innerJoin('users as u', 'u.id', 'e.raised_by')
    .select(['e.id', 'e.status', 'e.created_at as createdAt', 'u.id as raisedById', 'u.name as raisedByName'])
    .where('e.job_id', '=', jobId)
    .where('e.status', 'in', statuses)
    .where(escalationInReach(actor, 'e.id'))
    .orderBy('e.created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export function findEscalationJobId(db: Db, id: string) {
  return db
    .selectFrom('escalations')
    .select('job_id as jobId')
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}

/** What the leader reads on answering: reasons, customer and job, the agent's summary. */
export async function findEscalationBrief(db: Db, escalationId: string) {
  const head = await db
    .selectFrom('escalations as e')
    .innerJoin('jobs as j', 'j.id', 'e.job_id')
    .innerJoin('customers as c', 'c.id', 'e.customer_id')
    .innerJoin('users as a', 'a.id', 'e.raised_by')
    .select([
      'e.id as escalationId',
      'e.summary',
      'e.outage_id as outageId',
      'j.id as jobId',
      'j.number as jobNumber',
      'j.product as jobProduct',
      'j.status as jobStatus',
      'c.id as customerId',
      'c.name as customerName',
      'c.phone as customerPhone',
      'c.email as customerEmail',
      'c.time_zone as customerTimeZone',
      'a.id as agentId',
      'a.name as agentName',
    ])
    .where('e.id', '=', escalationId)
    .executeTakeFirstOrThrow();
  const reasons = await db
    .selectFrom('escalation_reason_links as l')
    .innerJoin('escalation_reasons as r', 'r.id', 'l.reason_id')
    .select(['r.code', 'r.label'])
    .where('l.escalation_id', '=', escalationId)
    .orderBy('r.position')
    .execute();
  return { head, reasons };
}
