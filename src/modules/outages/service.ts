import type { Db } from '../../db/client.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../../http/auth.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { publishEvent } from '../events/publish.ts';
import * as repo from './repo.ts';

export type OutageView = Omit<repo.OutageRow, 'siteSlugs'> & { siteSlugs: string[]; isActive: boolean };

function describe(row: repo.OutageRow): OutageView {
  return { ...row, siteSlugs: [...(row.siteSlugs ?? [])].sort(), isActive: row.endedAt === null };
}

/** Tells everyone at the affected sites (and the admins) at once, when the change commits. */
async function announce(
  db: Db,
  type: 'outage.started' | 'outage.updated' | 'outage.ended',
  outage: OutageView,
  siteIds: string[],
) {
  const data = { outageId: outage.id, title: outage.title, siteSlugs: outage.siteSlugs };
  for (const siteId of siteIds) await publishEvent(db, { type, siteId, data });
  await publishEvent(db, { type, roles: ['admin'], data });
}

/** The sites by slug; a 422 naming any that do not exist. */
async function findKnownSites(db: Db, slugs: string[]) {
  const sites = await repo.findSitesBySlug(db, slugs);
  const unknown = slugs.filter((slug) => !sites.some((s) => s.slug === slug));
  if (unknown.length) {
    throw new AppError('unprocessable', `siteSlugs: unknown site ${unknown.join(', ')}`, {
      field: 'siteSlugs',
      unknown,
    });
  }
  return sites;
}

/**
 * Declares an outage at some sites: their agents see its guidance and script, and escalations raised
 * there until it ends are tagged with it (see `escalateCase`).
 */
export async function declareOutage(
  deps: Pick<Deps, 'db' | 'clock'>,
  actor: Actor,
  input: { title: string; guidance: string; script: string; siteSlugs: string[] },
): Promise<OutageView> {
  const slugs = [...new Set(input.siteSlugs)];
  return inTransaction(deps.db, async (tx) => {
    const sites = await findKnownSites(tx, slugs);
    const id = await repo.insertOutage(
      tx,
      { ...input, declaredBy: actor.id, startedAt: deps.clock.now() },
      sites.map((s) => s.id),
    );
    const outage = describe((await repo.findOutage(tx, id))!);
    await announce(
      tx,
      'outage.started',
      outage,
      sites.map((s) => s.id),
    );
    return outage;
  });
}

/**
 * Corrects a running outage (its texts or its sites). Sites dropped from it hear the change too, so
 * their banner goes; an ended outage is history and refuses edits (409).
 */
export async function editOutage(
  deps: Pick<Deps, 'db'>,
  id: string,
  input: { title?: string; guidance?: string; script?: string; siteSlugs?: string[] },
): Promise<OutageView> {
  return inTransaction(deps.db, async (tx) => {
    const current = await repo.lockOutage(tx, id);
    if (!current) throw notFound('outage', id);
    if (current.ended_at) throw new AppError('conflict', 'this outage has ended and can no longer be edited');
    const before = (await repo.findOutageSiteIds(tx, id)).map((r) => r.site_id);
    const { siteSlugs, ...texts } = input;
    await repo.updateOutageTexts(tx, id, texts);
    let after = before;
    if (siteSlugs) {
      after = (await findKnownSites(tx, [...new Set(siteSlugs)])).map((s) => s.id);
      await repo.replaceOutageSites(tx, id, after);
    }
    const outage = describe((await repo.findOutage(tx, id))!);
    await announce(tx, 'outage.updated', outage, [...new Set([...before, ...after])]);
    return outage;
  });
}

/** Ends a running outage; a second end is a 409 so two admins cannot both think they ended it. */
export async function endOutage(
  deps: Pick<Deps, 'db' | 'clock'>,
  actor: Actor,
  id: string,
): Promise<OutageView> {
  return deps.db.transaction().execute(async (tx) => {
    if (!(await repo.endOutage(tx, id, actor.id, deps.clock.now()))) {
      if (!(await repo.findOutage(tx, id))) throw notFound('outage', id);
      throw new AppError('conflict', 'this outage has already ended');
    }
    const outage = describe((await repo.findOutage(tx, id))!);
    const siteIds = (await repo.findOutageSiteIds(tx, id)).map((r) => r.site_id);
    await announce(tx, 'outage.ended', outage, siteIds);
    return outage;
  });
}

/**
 * The outages running now that concern the actor: those covering their site. Admins, and people not
 * attached to a site (BPO callback agents call customers of every site), see them all.
 */
export async function listActiveOutages(deps: Pick<Deps, 'db'>, actor: Actor): Promise<OutageView[]> {
  const siteId = actor.role === 'admin' ? null : actor.siteId;
  return (await repo.listActiveOutages(deps.db, siteId)).map(describe);
}

export async function listRecentOutages(deps: Pick<Deps, 'db'>): Promise<OutageView[]> {
  return (await repo.listRecentOutages(deps.db, 100)).map(describe);
}
