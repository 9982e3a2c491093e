import type { Db } from '../../db/client.ts';
import type { Actor } from '../../http/auth.ts';
import { permissionInReach } from './policy.ts';
import type { PermissionStatus } from '../transfers/tables.ts';

export async function insertPermission(
  db: Db,
  row: {
    escalationId: string;
    siteId: string;
    requestedBy: string;
    requestedAt: Date;
    supervisorId: string;
    isFallbackSupervisor: boolean;
    transferId: string | null;
    thresholdReached: boolean;
    requestNote: string | null;
  },
) {
  return db
    .insertInto('callback_permissions')
    .values({
      escalation_id: row.escalationId,
      site_id: row.siteId,
      requested_by: row.requestedBy,
      requested_at: row.requestedAt,
      supervisor_id: row.supervisorId,
      is_fallback_supervisor: row.isFallbackSupervisor,
      transfer_id: row.transferId,
      threshold_reached: row.thresholdReached,
      request_note: row.requestNote,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

export function findPermission(db: Db, id: string) {
  return db.selectFrom('callback_permissions').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A permission if the actor reaches it (see `policy.ts`). */
export function findPermissionFor(db: Db, actor: Actor, id: string) {
  return db
    .selectFrom('callback_permissions')
    .selectAll()
    .where('id', '=', id)
    .where(permissionInReach(actor, 'callback_permissions.escalation_id'))
    .executeTakeFirst();
}

/** The escalation's pending or approved permission, if any (a denied one may be asked again). */
export function findOpenPermissionOfEscalation(db: Db, escalationId: string) {
  return db
    .selectFrom('callback_permissions')
    .select(['id', 'status'])
    .where('escalation_id', '=', escalationId)
    .where('status', 'in', ['pending', 'approved'])
    .orderBy('requested_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** The newest permission (any status) of each of `escalationIds` that has one, one query. */
export function listNewestPermissionsOfEscalations(db: Db, escalationIds: readonly string[]) {
  return db
    .selectFrom('callback_permissions')
    .distinctOn('escalation_id')
    .select(['escalation_id as escalationId', 'id', 'status'])
    .where('escalation_id', 'in', escalationIds)
    .orderBy('escalation_id')
    .orderBy('requested_at', 'desc')
    .execute();
}

export async function hasApproved(db: Db, escalationId: string): Promise<boolean> {
  const row = await db
    .selectFrom('callback_permissions')
    .select('id')
    .where('escalation_id', '=', escalationId)
    .where('status', '=', 'approved')
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Records the decision only if nobody decided first; returns the row when this call decided. */
export function decidePending(
  db: Db,
  id: string,
  decision: {
    status: Exclude<PermissionStatus, 'pending'>;
    decidedAt: Date;
    decidedBy: string;
    note: string | null;
  },
) {
  return db
    .updateTable('callback_permissions')
    .set({
      status: decision.status,
      decided_at: decision.decidedAt,
      decided_by: decision.decidedBy,
      note: decision.note,
    })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .returningAll()
    .executeTakeFirst();
}

const viewColumns = [
  'p.id',
  'p.escalation_id as escalationId',
  'j.number as jobNumber',
  's.slug as siteSlug',
  'p.status',
  'p.supervisor_id as supervisorId',
  'sv.name as supervisorName',
  'p.is_fallback_supervisor as isFallbackSupervisor',
  'p.requested_by as requestedById',
  'rq.name as requestedByName',
  'p.requested_at as requestedAt',
  'p.request_note as requestNote',
  'p.transfer_id as transferId',
  'p.threshold_reached as thresholdReached',
  'p.decided_at as decidedAt',
  'p.decided_by as decidedById',
  'dc.name as decidedByName',
  'p.note',
] as const;

function selectViews(db: Db) {
  return db
    .selectFrom('callback_permissions as p')
    .innerJoin('escalations as e', 'e.id', 'p.escalation_id')
    .innerJoin('jobs as j', 'j.id', 'e.job_id')
    .innerJoin('sites as s', 's.id', 'p.site_id')
    .innerJoin('users as sv', 'sv.id', 'p.supervisor_id')
    .innerJoin('users as rq', 'rq.id', 'p.requested_by')
    .leftJoin('users as dc', 'dc.id', 'p.decided_by')
    .select(viewColumns);
}

export function findPermissionView(db: Db, id: string) {
  return selectViews(db).where('p.id', '=', id).executeTakeFirst();
}

/**
 * Permissions a person deals with: those they asked for, those addressed to them, and fallback
 * questions open to every supervisor of their site. Newest first.
 */
export function listPermissionViews(
  db: Db,
  person: Actor,
  filter: { status?: PermissionStatus; escalationId?: string },
  limit: number,
) {
  let query = selectViews(db)
    .where(permissionInReach(person, 'p.escalation_id'))
    .where((eb) => {
      const mine = [eb('p.requested_by', '=', person.id), eb('p.supervisor_id', '=', person.id)];
      if (person.role === 'supervisor' && person.siteId) {
        mine.push(eb.and([eb('p.is_fallback_supervisor', '=', true), eb('p.site_id', '=', person.siteId)]));
      }
      return eb.or(mine);
    });
  if (filter.status) query = query.where('p.status', '=', filter.status);
  if (filter.escalationId) query = query.where('p.escalation_id', '=', filter.escalationId);
  return query.orderBy('p.requested_at', 'desc').limit(limit).execute();
}
