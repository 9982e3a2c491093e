import type { Db } from '../../db/client.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../../http/auth.ts';
import { AppError, forbidden, notFound } from '../../lib/errors.ts';
import { describeEscalation, describeEscalationFor, setEscalationStatus } from '../escalations/service.ts';
import { publishEvent } from '../events/publish.ts';
import { addJobNote } from '../jobs/notes.ts';
import { findPerson, listAvailableSupervisors } from '../presence/service.ts';
import { findLastTransferWait } from '../transfers/views.ts';
import type { PermissionStatus } from '../transfers/tables.ts';
import * as repo from './repo.ts';

type PermissionRow = NonNullable<Awaited<ReturnType<typeof repo.findPermission>>>;

/** For booking: true when a supervisor approved a callback for this escalation. */
export async function hasApprovedCallbackPermission(db: Db, escalationId: string): Promise<boolean> {
  return repo.hasApproved(db, escalationId);
}

/**
 * For the agent's open escalations: the newest callback permission (pending, approved or denied)
 * of each escalation that has one, by escalation id; one query for the whole list.
 */
export async function findNewestPermissionsOf(
  db: Db,
  escalationIds: readonly string[],
): Promise<Map<string, { id: string; status: string }>> {
  if (escalationIds.length === 0) return new Map();
  const rows = await repo.listNewestPermissionsOfEscalations(db, escalationIds);
  return new Map(rows.map((row) => [row.escalationId, { id: row.id, status: row.status }]));
}

type ChosenSupervisor = { id: string; name: string; isFallback: boolean };

/**
 * The agent's direct supervisor when they are at work (any presence but away/offline); otherwise the
 * available supervisor of the site with the fewest pending questions, recorded as a fallback; when
 * nobody is available, the direct supervisor still (they decide when back); with neither, nobody.
 */
async function chooseSupervisor(tx: Db, actor: Actor, siteId: string): Promise<ChosenSupervisor | null> {
  const direct = actor.supervisorId ? await findPerson(tx, actor.supervisorId) : undefined;
  const isDirectUsable = direct?.is_active === true;
  if (direct && isDirectUsable && direct.presence !== 'away' && direct.presence !== 'offline') {
    return { id: direct.id, name: direct.name, isFallback: false };
  }
  const [fallback] = await listAvailableSupervisors(tx, siteId, direct?.id ?? null);
  if (fallback) return { id: fallback.id, name: fallback.name, isFallback: true };
  if (direct && isDirectUsable) return { id: direct.id, name: direct.name, isFallback: false };
  return null;
}

function audienceOf(
  permission: Pick<PermissionRow, 'requested_by' | 'supervisor_id' | 'is_fallback_supervisor' | 'site_id'>,
) {
  const userIds = [permission.requested_by, permission.supervisor_id];
  return permission.is_fallback_supervisor
    ? { userIds, siteId: permission.site_id, roles: ['supervisor'] }
    : { userIds };
}

/** An agent asks a supervisor for permission to book a callback for their escalation. */
export async function requestCallbackPermission(
  deps: Deps,
  actor: Actor,
  escalationId: string,
  input: { note?: string },
) {
  const now = deps.clock.now();
  const id = await inTransaction(deps.db, async (tx) => {
    const escalation = await describeEscalationFor({ db: tx }, actor, escalationId);
    if (escalation.raisedById !== actor.id) {
      throw forbidden('only the agent who raised the escalation may ask for a callback permission');
    }
    const open = await repo.findOpenPermissionOfEscalation(tx, escalationId);
    if (open) {
      throw new AppError('conflict', `this escalation already has a ${open.status} callback permission`, {
        permissionId: open.id,
        permissionStatus: open.status,
      });
    }
    const supervisor = await chooseSupervisor(tx, actor, escalation.siteId);
    if (!supervisor) {
      throw new AppError(
        'unprocessable',
        `nobody can grant this: you have no direct supervisor and no supervisor of site ${escalation.siteSlug} is available`,
      );
    }
    const transfer = await findLastTransferWait(tx, escalationId, now);
    const row = await repo.insertPermission(tx, {
      escalationId,
      siteId: escalation.siteId,
      requestedBy: actor.id,
      requestedAt: now,
      supervisorId: supervisor.id,
      isFallbackSupervisor: supervisor.isFallback,
      transferId: transfer?.id ?? null,
      thresholdReached: transfer?.thresholdReached ?? false,
      requestNote: input.note ?? null,
    });
    await setEscalationStatus(tx, escalationId, 'callback_requested');
    const waited = transfer ? ` after waiting ${transfer.waitedSeconds} s in the desk queue` : '';
    await addJobNote(tx, {
      jobId: escalation.jobId,
      authorId: actor.id,
      kind: 'callback_permission.requested',
      body:
        `${actor.name} asked ${supervisor.name}${supervisor.isFallback ? ' (fallback supervisor)' : ''} ` +
        `for permission to book a callback${waited}.${input.note ? ` ${input.note}` : ''}`,
      details: {
        permissionId: row.id,
        escalationId,
        supervisorId: supervisor.id,
        isFallbackSupervisor: supervisor.isFallback,
        transferId: transfer?.id ?? null,
        thresholdReached: transfer?.thresholdReached ?? false,
      },
    });
    await publishEvent(tx, {
      type: 'callback_permission.requested',
      ...audienceOf({
        requested_by: actor.id,
        supervisor_id: supervisor.id,
        is_fallback_supervisor: supervisor.isFallback,
        site_id: escalation.siteId,
      }),
      data: {
        permissionId: row.id,
        escalationId,
        jobNumber: escalation.jobNumber,
        requestedBy: { id: actor.id, name: actor.name },
        supervisorId: supervisor.id,
        isFallbackSupervisor: supervisor.isFallback,
      },
    });
    return row.id;
  });
  return describePermission(deps, id);
}

function mayDecide(actor: Actor, permission: PermissionRow): boolean {
  if (permission.supervisor_id === actor.id) return true;
  return (
    permission.is_fallback_supervisor && actor.role === 'supervisor' && actor.siteId === permission.site_id
  );
}

/** The supervisor (or, for a fallback request, any supervisor of the site) approves or denies, once. */
export async function decideCallbackPermission(
  deps: Deps,
  actor: Actor,
  id: string,
  decision: 'approved' | 'denied',
  note: string | undefined,
) {
  const now = deps.clock.now();
  await inTransaction(deps.db, async (tx) => {
    const permission = await repo.findPermissionFor(tx, actor, id);
    if (!permission) throw notFound('callback permission', id);
    if (!mayDecide(actor, permission)) {
      throw forbidden('only the supervisor this request was sent to may decide it');
    }
    const decided = await repo.decidePending(tx, id, {
      status: decision,
      decidedAt: now,
      decidedBy: actor.id,
      note: note ?? null,
    });
    if (!decided) {
      throw new AppError('already_decided', `this callback permission was already ${permission.status}`, {
        permissionStatus: permission.status,
        decidedBy: permission.decided_by,
      });
    }
    const escalation = await describeEscalation({ db: tx }, permission.escalation_id);
    if (decision === 'denied' && escalation.status === 'callback_requested') {
      await setEscalationStatus(tx, escalation.id, 'open');
    }
    const seconds = Math.round((now.getTime() - permission.requested_at.getTime()) / 1000);
    await addJobNote(tx, {
      jobId: escalation.jobId,
      authorId: actor.id,
      kind: `callback_permission.${decision}`,
      body:
        `${actor.name} ${decision === 'approved' ? 'approved' : 'denied'} the callback request ` +
        `after ${seconds} s.${note ? ` ${note}` : ''}`,
      details: {
        permissionId: id,
        escalationId: escalation.id,
        decisionSeconds: seconds,
        note: note ?? null,
      },
    });
    await publishEvent(tx, {
      type: 'callback_permission.decided',
      ...audienceOf(permission),
      data: {
        permissionId: id,
        escalationId: escalation.id,
        jobNumber: escalation.jobNumber,
        status: decision,
        decidedBy: { id: actor.id, name: actor.name },
        note: note ?? null,
      },
    });
  });
  return describePermission(deps, id);
}

type PermissionView = NonNullable<Awaited<ReturnType<typeof repo.findPermissionView>>>;

function present(view: PermissionView) {
  const { supervisorName, requestedById, requestedByName, decidedById, decidedByName, ...rest } = view;
  return {
    ...rest,
    supervisor: { id: view.supervisorId, name: supervisorName },
    requestedBy: { id: requestedById, name: requestedByName },
    decidedBy: decidedById ? { id: decidedById, name: decidedByName ?? '' } : null,
    decisionSeconds: view.decidedAt
      ? Math.round((view.decidedAt.getTime() - view.requestedAt.getTime()) / 1000)
      : null,
  };
}

async function describePermission(deps: Pick<Deps, 'db'>, id: string) {
  const view = await repo.findPermissionView(deps.db, id);
  if (!view) throw notFound('callback permission', id);
  return present(view);
}

/** One permission, for the people it concerns (asker, supervisors of its site, admins). */
export async function showCallbackPermission(deps: Deps, actor: Actor, id: string) {
  const permission = await repo.findPermissionFor(deps.db, actor, id);
  if (!permission) throw notFound('callback permission', id);
  const isSiteLeader =
    ['supervisor', 'lead', 'sme'].includes(actor.role) && actor.siteId === permission.site_id;
  const isParty = [permission.requested_by, permission.supervisor_id].includes(actor.id);
  if (!isParty && !isSiteLeader && actor.role !== 'admin') {
    throw forbidden('this callback permission concerns other people');
  }
  return describePermission(deps, id);
}

/** The permissions a person asked for or must decide, newest first (a supervisor's inbox). */
export async function listCallbackPermissions(
  deps: Deps,
  actor: Actor,
  filter: { status?: PermissionStatus; escalationId?: string },
) {
  const views = await repo.listPermissionViews(deps.db, actor, filter, 200);
  return { items: views.map(present) };
}
