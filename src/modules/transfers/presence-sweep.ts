import type { Db } from '../../db/client.ts';
import type { Deps } from '../../deps.ts';
import { cancelTimers } from '../../jobs/timers.ts';
import type { ClaimedTimer } from '../../jobs/timers.ts';
import { describeEscalation, setEscalationStatus } from '../escalations/service.ts';
import { addJobNote } from '../jobs/notes.ts';
import { countAvailableDeskMembers, expireSilentMembers } from '../presence/service.ts';
import { announceTransfer, thresholdTimerKey } from './announce.ts';
import * as repo from './repo.ts';
import { estimateLookbackMs, estimateSampleSize, estimateWait, waitedSeconds } from './wait.ts';

// State that lives on the server, kept honest when tabs close: the presence sweep (timer
// `presence.sweep`, scheduled by heartbeats) and the estimate refresh (timer
// `transfer.estimate_refresh`, scheduled by every presence change).

/**
 * Timer `presence.sweep`: desk members with no heartbeat for the timeout go offline (announced to
 * their site), and waiting transfers whose agent has gone as long are abandoned by the system.
 */
export async function sweepSilentTabs(deps: Deps, tx: Db, _timer: ClaimedTimer) {
  const now = deps.clock.now();
  const cutoff = new Date(now.getTime() - deps.config.presenceTimeoutSeconds * 1000);
  await expireSilentMembers(tx, cutoff, now);
  for (const { id } of await repo.listWaitingTransfersOfSilentAgents(tx, cutoff)) {
    await abandonForSilentAgent(tx, id, now, deps.config.presenceTimeoutSeconds);
  }
}

/**
 * Ends a waiting transfer whose agent is gone, as `abandon` does (abandoned_at set, so reports
 * count it with the other abandonments) but by the system: no person abandoned it.
 */
async function abandonForSilentAgent(tx: Db, id: string, now: Date, timeoutSeconds: number) {
  const moved = await repo.advanceTransfer(tx, id, ['waiting'], { status: 'abandoned', abandoned_at: now });
  if (!moved) return;
  await cancelTimers(tx, thresholdTimerKey(id));
  const escalation = await describeEscalation({ db: tx }, moved.escalation_id);
  if (escalation.status === 'in_queue') await setEscalationStatus(tx, escalation.id, 'open');
  const waited = waitedSeconds(moved, now);
  await addJobNote(tx, {
    jobId: escalation.jobId,
    authorId: null,
    kind: 'transfer.abandoned',
    body:
      `The agent's screen has been gone for over ${timeoutSeconds} s, so the transfer left the queue ` +
      `after ${waited} s.`,
    details: { transferId: id, escalationId: escalation.id, waitedSeconds: waited, reason: 'agent_gone' },
  });
  await announceTransfer(tx, 'transfer.abandoned', moved, { reason: 'agent_gone' });
}

/**
 * Timer `transfer.estimate_refresh`: a presence change at a site moves every waiting transfer's
 * estimate (the estimate divides by available members). Recompute each with its current position
 * and tell its agent and the desk when it changed.
 */
export async function refreshSiteEstimates(deps: Deps, tx: Db, timer: ClaimedTimer) {
  const siteId = String(timer.payload.siteId ?? '');
  if (!siteId) return;
  const now = deps.clock.now();
  const waiting = await repo.listWaitingTransfers(tx, siteId);
  if (!waiting.length) return;
  const [available, recent] = await Promise.all([
    countAvailableDeskMembers(tx, siteId),
    repo.listRecentAnswerSeconds(
      tx,
      siteId,
      new Date(now.getTime() - estimateLookbackMs),
      estimateSampleSize,
    ),
  ]);
  for (const [index, transfer] of waiting.entries()) {
    const estimate = estimateWait(recent, index + 1, available);
    if (estimate.estimatedWaitSeconds === transfer.estimated_wait_seconds) continue;
    const updated = await repo.updateEstimate(tx, transfer.id, estimate.estimatedWaitSeconds);
    if (!updated) continue;
    await announceTransfer(tx, 'transfer.estimate_changed', updated, {
      estimatedWaitSeconds: estimate.estimatedWaitSeconds,
      hasAvailableMembers: estimate.hasAvailableMembers,
      position: index + 1,
    });
  }
}
