import type { Db } from '../../db/client.ts';
import type { Presence } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../../http/auth.ts';
import { AppError, forbidden, notFound } from '../../lib/errors.ts';
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

async function announcePresence(
  db: Db,
  member: { id: string; name: string },
  siteId: string,
  presence: Presence,
) {
  // Everyone at the site hears it: desk members watch each other, agents watch whether the desk is staffed.
  await publishEvent(db, {
    type: 'presence.changed',
    siteId,
    data: { userId: member.id, name: member.name, presence },
  });
}

/** A desk member sets their own presence; the site hears it live. */
export async function setMyPresence(deps: Deps, actor: Actor, presence: Presence) {
  if (!deskRoles.includes(actor.role)) throw forbidden('only Leadership Desk members have a presence');
  if (!actor.siteId) throw new AppError('unprocessable', 'you are not attached to a site');
  await deps.db.transaction().execute(async (tx) => {
    await repo.updatePresence(tx, actor.id, presence);
    await announcePresence(tx, actor, actor.siteId!, presence);
  });
  return { userId: actor.id, presence };
}

/**
 * Answering a transfer makes the member busy until it ends (leave or abandon). Called in the
 * transfer's transaction.
 */
export async function markMemberBusy(tx: Db, member: { id: string; name: string }, siteId: string) {
  await repo.updatePresence(tx, member.id, 'busy');
  await announcePresence(tx, member, siteId, 'busy');
}

/** When a transfer ends the member is available again, unless they changed presence meanwhile. */
export async function releaseMember(tx: Db, member: { id: string; name: string }, siteId: string) {
  if (await repo.updatePresenceIf(tx, member.id, 'busy', 'available')) {
    await announcePresence(tx, member, siteId, 'available');
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
