import type { Db } from '../../db/client.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../../http/auth.ts';
import { AppError, forbidden, notFound } from '../../lib/errors.ts';
import { cancelTimers } from '../../jobs/timers.ts';
import { describeEscalation, setEscalationStatus } from '../escalations/service.ts';
import { addJobNote } from '../jobs/notes.ts';
import { findSiteById, releaseMember } from '../presence/service.ts';
import { announceTransfer, thresholdTimerKey } from './announce.ts';
import * as repo from './repo.ts';
import type { TransferStatus } from './tables.ts';
import { describeTransfer } from './views.ts';
import { isThresholdReached, waitedSeconds } from './wait.ts';

type Step = 'conference' | 'leave' | 'abandon';

const allowedFrom: Record<Step, TransferStatus[]> = {
  conference: ['answered'],
  leave: ['conferenced'],
  abandon: ['waiting', 'answered'],
};

const whenRefused: Record<Step, string> = {
  conference: 'the customer can be conferenced in only after a desk member answered',
  leave: 'you can leave only after conferencing the customer in',
  abandon: 'only a waiting or answered (not yet conferenced) transfer can be abandoned',
};

/** The steps after an answer are the agent's; the answering member may record them too. */
async function loadForStep(tx: Db, actor: Actor, id: string) {
  const transfer = await repo.findTransferFor(tx, actor, id);
  if (!transfer) throw notFound('transfer', id);
  if (actor.id !== transfer.agent_id && actor.id !== transfer.answered_by) {
    throw forbidden('only the agent of this transfer or the desk member who answered it may do this');
  }
  return transfer;
}

async function advance(tx: Db, step: Step, id: string, set: Parameters<typeof repo.advanceTransfer>[3]) {
  const moved = await repo.advanceTransfer(tx, id, allowedFrom[step], set);
  if (!moved) {
    const current = await repo.findTransfer(tx, id);
    throw new AppError('invalid_transition', `${whenRefused[step]} (it is ${current?.status})`, {
      transferStatus: current?.status,
    });
  }
  return moved;
}

/** The agent brings the customer onto the call with the leader. */
export async function conferenceTransfer(deps: Deps, actor: Actor, id: string) {
  const now = deps.clock.now();
  await inTransaction(deps.db, async (tx) => {
    await loadForStep(tx, actor, id);
    const moved = await advance(tx, 'conference', id, { status: 'conferenced', conferenced_at: now });
    const escalation = await describeEscalation({ db: tx }, moved.escalation_id);
    const leader = await repo.findUserName(tx, moved.answered_by!);
    await addJobNote(tx, {
      jobId: escalation.jobId,
      authorId: actor.id,
      kind: 'transfer.conferenced',
      body: `The customer was conferenced in with ${leader?.name}.`,
      details: { transferId: id, escalationId: escalation.id, leaderId: moved.answered_by },
    });
    await announceTransfer(tx, 'transfer.conferenced', moved);
  });
  return describeTransfer(deps, id);
}

/** The agent leaves the call: the leader has taken over, and the job says who. */
export async function leaveTransfer(deps: Deps, actor: Actor, id: string) {
  const now = deps.clock.now();
  await inTransaction(deps.db, async (tx) => {
    await loadForStep(tx, actor, id);
    const moved = await advance(tx, 'leave', id, { status: 'completed', left_at: now });
    const escalation = await describeEscalation({ db: tx }, moved.escalation_id);
    const [leader, agent, site] = await Promise.all([
      repo.findUserName(tx, moved.answered_by!),
      repo.findUserName(tx, moved.agent_id),
      findSiteById(tx, moved.site_id),
    ]);
    await setEscalationStatus(tx, escalation.id, 'transferred');
    await releaseMember(tx, leader!, moved.site_id, now);
    await addJobNote(tx, {
      jobId: escalation.jobId,
      authorId: actor.id,
      kind: 'transfer.completed',
      body:
        `Live transfer complete: ${agent?.name} left the call and ${leader?.name} of the ${site.name} ` +
        `took over. Waited ${waitedSeconds(moved, now)} s; agent's summary: ${escalation.summary}`,
      details: {
        transferId: id,
        escalationId: escalation.id,
        leaderId: moved.answered_by,
        leaderName: leader?.name,
        reasons: escalation.reasons,
        enqueuedAt: moved.enqueued_at,
        answeredAt: moved.answered_at,
        conferencedAt: moved.conferenced_at,
        leftAt: now,
      },
    });
    await announceTransfer(tx, 'transfer.completed', moved, { leader });
  });
  return describeTransfer(deps, id);
}

/** The agent leaves the queue (usually at the threshold) or the call dropped before conferencing. */
export async function abandonTransfer(deps: Deps, actor: Actor, id: string) {
  const now = deps.clock.now();
  await inTransaction(deps.db, async (tx) => {
    await loadForStep(tx, actor, id);
    const moved = await advance(tx, 'abandon', id, {
      status: 'abandoned',
      abandoned_at: now,
      abandoned_by: actor.id,
    });
    await cancelTimers(tx, thresholdTimerKey(id));
    const escalation = await describeEscalation({ db: tx }, moved.escalation_id);
    if (escalation.status === 'in_queue') await setEscalationStatus(tx, escalation.id, 'open');
    if (moved.answered_by) {
      const leader = await repo.findUserName(tx, moved.answered_by);
      if (leader) await releaseMember(tx, leader, moved.site_id, now);
    }
    const waited = waitedSeconds(moved, now);
    const reached = isThresholdReached(moved, now);
    await addJobNote(tx, {
      jobId: escalation.jobId,
      authorId: actor.id,
      kind: 'transfer.abandoned',
      body:
        `${actor.name} ended the transfer ${moved.answered_at ? 'after it was answered' : 'and left the queue'} ` +
        `after ${waited} s${reached ? ` (past the ${moved.threshold_seconds} s threshold)` : ''}.`,
      details: {
        transferId: id,
        escalationId: escalation.id,
        waitedSeconds: waited,
        thresholdReached: reached,
      },
    });
    await announceTransfer(tx, 'transfer.abandoned', moved);
  });
  return describeTransfer(deps, id);
}
