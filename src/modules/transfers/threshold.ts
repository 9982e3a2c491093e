import type { ClaimedTimer } from '../../jobs/timers.ts';
import type { Db } from '../../db/client.ts';
import type { Deps } from '../../deps.ts';
import { describeEscalation } from '../escalations/service.ts';
import { publishEvent } from '../events/publish.ts';
import { addJobNote } from '../jobs/notes.ts';
import * as repo from './repo.ts';
import { waitedSeconds } from './wait.ts';

/**
 * Timer `transfer.threshold`: when a request is still waiting at the site's threshold, mark it and
 * tell the agent at once to leave the queue and ask their supervisor for a callback permission.
 * A request answered or abandoned meanwhile is left alone (its timer was cancelled anyway).
 */
export async function handleTransferThreshold(deps: Deps, tx: Db, timer: ClaimedTimer) {
  const transferId = String(timer.payload.transferId ?? '');
  const now = deps.clock.now();
  const reached = await repo.markThresholdReached(tx, transferId, now);
  if (!reached) return;
  const escalation = await describeEscalation({ db: tx }, reached.escalation_id);
  const waited = waitedSeconds(reached, now);
  await addJobNote(tx, {
    jobId: escalation.jobId,
    authorId: null,
    kind: 'transfer.threshold_reached',
    body:
      `The transfer has waited ${waited} s (threshold ${reached.threshold_seconds} s): the agent was told to ` +
      'leave the queue and ask their supervisor for permission to book a callback.',
    details: { transferId, escalationId: escalation.id, waitedSeconds: waited },
  });
  await publishEvent(tx, {
    type: 'transfer.threshold_reached',
    userIds: [reached.agent_id],
    data: {
      transferId,
      escalationId: escalation.id,
      jobNumber: escalation.jobNumber,
      waitedSeconds: waited,
      thresholdSeconds: reached.threshold_seconds,
    },
  });
}
