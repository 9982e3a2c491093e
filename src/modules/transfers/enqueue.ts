import type { Db } from '../../db/client.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../../http/auth.ts';
import { AppError, forbidden } from '../../lib/errors.ts';
import { scheduleTimer } from '../../jobs/timers.ts';
import { describeEscalationFor, setEscalationStatus } from '../escalations/service.ts';
import { addJobNote } from '../jobs/notes.ts';
import { countAvailableDeskMembers, findSiteById, requireSite } from '../presence/service.ts';
import { announceTransfer, thresholdTimerKey, thresholdTimerKind } from './announce.ts';
import * as repo from './repo.ts';
import { describeTransfer } from './views.ts';
import { estimateLookbackMs, estimateSampleSize, estimateWait } from './wait.ts';

/**
 * Which desk takes the call. The agent's own site's desk, always. Another site's desk only when
 * nobody on the own desk is available and somebody on the other one is: overflow, never a way to
 * skip the own desk's queue.
 */
async function chooseDesk(tx: Db, ownSiteId: string, siteSlug: string | undefined) {
  const own = await findSiteById(tx, ownSiteId);
  if (!siteSlug || siteSlug === own.slug) return own;
  const target = await requireSite(tx, siteSlug);
  const [ownAvailable, targetAvailable] = await Promise.all([
    countAvailableDeskMembers(tx, own.id),
    countAvailableDeskMembers(tx, target.id),
  ]);
  if (ownAvailable > 0) {
    throw new AppError(
      'unprocessable',
      `the ${own.slug} desk has ${ownAvailable} available member(s): transfer there; another site's desk takes overflow only`,
    );
  }
  if (targetAvailable === 0) {
    throw new AppError('unprocessable', `nobody on the ${target.slug} desk is available either`);
  }
  return target;
}

/** The agent who raised an escalation puts it in a Leadership Desk queue, with an estimated wait. */
export async function enqueueTransfer(
  deps: Deps,
  actor: Actor,
  escalationId: string,
  input: { siteSlug?: string },
) {
  const now = deps.clock.now();
  const created = await inTransaction(deps.db, async (tx) => {
    const escalation = await describeEscalationFor({ db: tx }, actor, escalationId);
    if (escalation.raisedById !== actor.id) {
      throw forbidden('only the agent who raised the escalation may transfer it');
    }
    if (escalation.status === 'callback_booked' || escalation.status === 'closed') {
      throw new AppError(
        'invalid_transition',
        `the escalation is ${escalation.status}; it cannot be transferred`,
      );
    }
    const active = await repo.findActiveTransferOfEscalation(tx, escalationId);
    if (active) {
      throw new AppError('conflict', `the escalation is already in a transfer (${active.status})`, {
        transferId: active.id,
      });
    }
    const site = await chooseDesk(tx, escalation.siteId, input.siteSlug);
    const [ahead, available, recent] = await Promise.all([
      repo.countWaitingUpTo(tx, site.id, now),
      countAvailableDeskMembers(tx, site.id),
      repo.listRecentAnswerSeconds(
        tx,
        site.id,
        new Date(now.getTime() - estimateLookbackMs),
        estimateSampleSize,
      ),
    ]);
    const position = ahead + 1;
    const estimate = estimateWait(recent, position, available);
    const { id } = await repo.insertTransfer(tx, {
      escalationId,
      siteId: site.id,
      agentId: actor.id,
      enqueuedAt: now,
      estimatedWaitSeconds: estimate.estimatedWaitSeconds,
      thresholdSeconds: site.transfer_threshold_seconds,
    });
    await setEscalationStatus(tx, escalationId, 'in_queue');
    await scheduleTimer(tx, {
      kind: thresholdTimerKind,
      dueAt: new Date(now.getTime() + site.transfer_threshold_seconds * 1000),
      payload: { transferId: id },
      dedupeKey: thresholdTimerKey(id),
    });
    const told =
      estimate.estimatedWaitSeconds === null
        ? 'nobody on the desk is available, so there is no wait estimate'
        : `estimated wait ${estimate.estimatedWaitSeconds} s (position ${position}, ${available} available)`;
    await addJobNote(tx, {
      jobId: escalation.jobId,
      authorId: actor.id,
      kind: 'transfer.enqueued',
      body: `${actor.name} put the escalation in the ${site.name} queue; ${told}.`,
      details: { transferId: id, escalationId, siteSlug: site.slug, position, ...estimate },
    });
    const row = await repo.findTransfer(tx, id);
    await announceTransfer(tx, 'transfer.enqueued', row!, {
      siteSlug: site.slug,
      jobNumber: escalation.jobNumber,
      agent: { id: actor.id, name: actor.name },
      position,
    });
    return { id, position, estimate };
  });
  const transfer = await describeTransfer(deps, created.id);
  return {
    ...transfer,
    position: created.position,
    hasAvailableMembers: created.estimate.hasAvailableMembers,
    averageAnswerSeconds: Math.round(created.estimate.averageAnswerSeconds),
    isWaitLikelyOverThreshold:
      created.estimate.estimatedWaitSeconds === null ||
      created.estimate.estimatedWaitSeconds >= transfer.thresholdSeconds,
  };
}
