import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/client.ts';
import type { Presence } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../../http/auth.ts';
import { AppError, forbidden, notFound } from '../../lib/errors.ts';
import { scheduleTimer } from '../../jobs/timers.ts';
import { publishEvent } from '../events/publish.ts';
import * as repo from './repo.ts';

export const deskRoles = repo.deskRoles;

/** Whether the actor is a Leadership Desk member (supervisor, lead or SME) of the site. */
export function isDeskMemberOf(actor: Pick<Actor, 'role' | 'siteId'>, siteId: string): boolean {
  return deskRoles.includes(actor.role) && actor.siteId === siteId;
}

/** A site by slug, or 404. */
export async function requireSite(db: Db, slug: string) {
  const site = await repo.findSiteBySlug(db, slug);
  if (!site) throw notFound('site', slug);
  return site;
}

export const findSiteById = repo.findSiteById;
export const findPerson = repo.findPerson;
export const countAvailableDeskMembers = repo.countAvailableMembers;
export const listAvailableSupervisors = repo.listAvailableSupervisors;

/** Timer kinds the presence feature schedules; their handlers live in transfers (which they move). */
export const presenceSweepKind = 'presence.sweep';
export const estimateRefreshKind = 'transfer.estimate_refresh';

/** How far apart sweeps fall: a silent tab is noticed at most this long after its timeout. */
const sweepStepMs = 15_000;

async function announcePresence(
  db: Db,
  member: { id: string; name: string },
  siteId: string,
  presence: Presence,
  now: Date,
) {
  // Everyone at the site hears it: desk members watch each other, agents watch whether the desk is staffed.
  await publishEvent(db, {
    type: 'presence.changed',
    siteId,
    data: { userId: member.id, name: member.name, presence },
  });
  // The site's waiting transfers' estimates depend on who is available: recompute them at once,
  // in the transfers feature (which reads presence, so it cannot be called from here). A key of
  // its own per change: the refresh reads the state as it is when it runs.
  await scheduleTimer(db, {
    kind: estimateRefreshKind,
    dueAt: now,
    payload: { siteId },
    dedupeKey: `${estimateRefreshKind}:${siteId}:${randomUUID()}`,
  });
}

/**
 * The person's tab is open: remember when, and make sure a sweep runs once the timeout passes
 * after it. Sweeps fall on a fixed grid, so however many heartbeats arrive there is one per step.
 */
export async function recordHeartbeat(deps: Deps, actor: Actor) {
  const now = deps.clock.now();
  const timeoutMs = deps.config.presenceTimeoutSeconds * 1000;
  const dueAt = new Date(Math.ceil((now.getTime() + timeoutMs + 1000) / sweepStepMs) * sweepStepMs);
  await deps.db.transaction().execute(async (tx) => {
    await repo.touchLastSeen(tx, actor.id, now);
    await scheduleTimer(tx, {
      kind: presenceSweepKind,
      dueAt,
      dedupeKey: `${presenceSweepKind}:${dueAt.toISOString()}`,
    });
  });
  return { timeoutSeconds: deps.config.presenceTimeoutSeconds };
}

/** Desk members silent since `cutoff` go offline, each announced to their site (sweep, as system). */
export async function expireSilentMembers(tx: Db, cutoff: Date, now: Date) {
  const expired = await repo.setSilentMembersOffline(tx, cutoff);
  for (const member of expired) await announcePresence(tx, member, member.site_id!, 'offline', now);
  return expired;
}

/** A desk member sets their own presence; the site hears it live. */
export async function setMyPresence(deps: Deps, actor: Actor, presence: Presence) {
  if (!deskRoles.includes(actor.role)) throw forbidden('only Leadership Desk members have a presence');
  if (!actor.siteId) throw new AppError('unprocessable', 'you are not attached to a site');
  await deps.db.transaction().execute(async (tx) => {
    await repo.updatePresence(tx, actor.id, presence);
    await announcePresence(tx, actor, actor.siteId!, presence, deps.clock.now());
  });
  return { userId: actor.id, presence };
}

/**
 * Answering a transfer makes the member busy until it ends (leave or abandon). Called in the
 * transfer's transaction.
 */
export async function markMemberBusy(
  tx: Db,
  member: { id: string; name: string },
  siteId: string,
  now: Date,
) {
  await repo.updatePresence(tx, member.id, 'busy');
  await announcePresence(tx, member, siteId, 'busy', now);
}

/** When a transfer ends the member is available again, unless they changed presence meanwhile. */
export async function releaseMember(tx: Db, member: { id: string; name: string }, siteId: string, now: Date) {
  if (await repo.updatePresenceIf(tx, member.id, 'busy', 'available')) {
    await announcePresence(tx, member, siteId, 'available', now);
  }
}

/** The desk of a site with each member's presence; visible to people of that site and admins. */
export async function describeDesk(deps: Deps, actor: Actor, slug: string) {
  const site = await requireSite(deps.db, slug);
  if (actor.role !== 'admin' && actor.siteId !== site.id) {
    throw forbidden(`the ${site.slug} desk is visible to people of that site only`);
  }
  const members = await repo.listDeskMembers(deps.db, site.id);
  return {
    siteSlug: site.slug,
    siteName: site.name,
    availableCount: members.filter((m) => m.presence === 'available').length,
    members: members.map((m) => ({ ...m, activeTransferId: m.activeTransferId ?? null })),
  };
}
