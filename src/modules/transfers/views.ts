import type { Db } from '../../db/client.ts';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../../http/auth.ts';
import { forbidden, notFound } from '../../lib/errors.ts';
import { describeEscalationBrief, describeEscalationFor } from '../escalations/service.ts';
import { countAvailableDeskMembers, isDeskMemberOf, requireSite } from '../presence/service.ts';
import * as repo from './repo.ts';
import { isThresholdReached, waitedSeconds } from './wait.ts';

type TransferView = NonNullable<Awaited<ReturnType<typeof repo.findTransferView>>>;

/** For callback permissions: the escalation's last transfer and whether it had reached the threshold. */
export async function findLastTransferWait(db: Db, escalationId: string, now: Date) {
  const transfer = await repo.findLatestTransferOfEscalation(db, escalationId);
  if (!transfer) return null;
  return {
    id: transfer.id,
    waitedSeconds: waitedSeconds(transfer, now),
    thresholdReached: isThresholdReached(transfer, now),
  };
}

/**
 * For the agent's open escalations: the live transfer (waiting, answered or conferenced) of each
 * escalation that has one, by escalation id; one query for the whole list.
 */
export async function findActiveTransfersOf(
  db: Db,
  escalationIds: readonly string[],
): Promise<Map<string, { id: string; status: string }>> {
  if (escalationIds.length === 0) return new Map();
  const rows = await repo.listActiveTransfersOfEscalations(db, escalationIds);
  return new Map(rows.map((row) => [row.escalationId, { id: row.id, status: row.status }]));
}

/** Who may see a transfer: its agent, whoever answered it, desk members of its site, admins. */
export function mayViewTransfer(actor: Actor, transfer: repo.TransferRow): boolean {
  return (
    actor.id === transfer.agent_id ||
    actor.id === transfer.answered_by ||
    isDeskMemberOf(actor, transfer.site_id) ||
    actor.role === 'admin'
  );
}

function present(view: TransferView, now: Date) {
  return {
    id: view.id,
    escalationId: view.escalation_id,
    siteSlug: view.site_slug,
    siteName: view.site_name,
    status: view.status,
    agent: { id: view.agent_id, name: view.agent_name },
    enqueuedAt: view.enqueued_at,
    estimatedWaitSeconds: view.estimated_wait_seconds,
    thresholdSeconds: view.threshold_seconds,
    waitedSeconds: waitedSeconds(view, now),
    thresholdReached: isThresholdReached(view, now),
    thresholdReachedAt: view.threshold_reached_at,
    answeredAt: view.answered_at,
    answeredBy: view.answered_by
      ? { id: view.answered_by, name: view.answered_by_name ?? '', role: view.answered_by_role ?? '' }
      : null,
    conferencedAt: view.conferenced_at,
    leftAt: view.left_at,
    abandonedAt: view.abandoned_at,
  };
}

/** A transfer with its brief and derived wait, as the agent or a desk member sees it. */
export async function describeTransfer(deps: Pick<Deps, 'db' | 'clock'>, id: string) {
  const view = await repo.findTransferView(deps.db, id);
  if (!view) throw notFound('transfer', id);
  return {
    ...present(view, deps.clock.now()),
    brief: await describeEscalationBrief(deps.db, view.escalation_id),
  };
}

export async function showTransfer(deps: Deps, actor: Actor, id: string) {
  const transfer = await repo.findTransferFor(deps.db, actor, id);
  if (!transfer) throw notFound('transfer', id);
  if (!mayViewTransfer(actor, transfer)) throw forbidden('this transfer concerns another site or agent');
  return describeTransfer(deps, id);
}

/** A site's live queue (waiting, oldest first) and the calls its members are on, for that desk. */
export async function describeQueue(deps: Deps, actor: Actor, slug: string) {
  const site = await requireSite(deps.db, slug);
  if (!isDeskMemberOf(actor, site.id) && actor.role !== 'admin') {
    throw forbidden(`the ${site.slug} queue is for members of that Leadership Desk`);
  }
  const now = deps.clock.now();
  const [rows, availableMembers] = await Promise.all([
    repo.listSiteTransfers(deps.db, site.id, repo.activeStatuses),
    countAvailableDeskMembers(deps.db, site.id),
  ]);
  const item = (row: (typeof rows)[number]) => ({
    id: row.id,
    escalationId: row.escalation_id,
    status: row.status,
    jobNumber: row.job_number,
    customerName: row.customer_name,
    reasons: row.reasons ?? [],
    summary: row.summary,
    agent: { id: row.agent_id, name: row.agent_name },
    enqueuedAt: row.enqueued_at,
    estimatedWaitSeconds: row.estimated_wait_seconds,
    waitedSeconds: waitedSeconds(row, now),
    thresholdSeconds: row.threshold_seconds,
    thresholdReached: isThresholdReached(row, now),
    answeredBy: row.answered_by ? { id: row.answered_by, name: row.answered_by_name ?? '' } : null,
  });
  const waiting = rows.filter((r) => r.status === 'waiting');
  return {
    siteSlug: site.slug,
    serverTime: now,
    availableMembers,
    items: waiting.map((row, index) => ({ ...item(row), position: index + 1 })),
    inProgress: rows.filter((r) => r.status !== 'waiting').map(item),
  };
}

/** An escalation's transfers, newest first (the agent's screen after a reload), as far as the actor may see them. */
export async function listEscalationTransfers(deps: Deps, actor: Actor, escalationId: string) {
  await describeEscalationFor(deps, actor, escalationId);
  const rows = await repo.listTransfersOfEscalation(deps.db, actor, escalationId);
  const visible = rows.filter((row) => mayViewTransfer(actor, row));
  return { items: await Promise.all(visible.map((row) => describeTransfer(deps, row.id))) };
}

/** For the phone platform: the live transfer of the customer calling from this E.164 number. */
export function findLiveTransferByCustomerPhone(deps: Pick<Deps, 'db'>, phone: string) {
  return repo.findLiveTransferIdByCustomerPhone(deps.db, phone);
}

/**
 * The call a desk member holds (answered or conferenced by them), with its brief, or null. The
 * desk page asks on load, so a reload mid-call gives the call back instead of losing it.
 */
export async function findMyActiveCall(deps: Deps, actor: Actor) {
  const held = await repo.findTransferHeldBy(deps.db, actor.id);
  return { call: held ? await describeTransfer(deps, held.id) : null };
}
