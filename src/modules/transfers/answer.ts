import { inTransaction } from '../../db/transaction.ts';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../../http/auth.ts';
import { AppError, forbidden, notFound } from '../../lib/errors.ts';
import { cancelTimers } from '../../jobs/timers.ts';
import { describeEscalation } from '../escalations/service.ts';
import { addJobNote } from '../jobs/notes.ts';
import { findSiteById, isDeskMemberOf, markMemberBusy } from '../presence/service.ts';
import { announceTransfer, thresholdTimerKey } from './announce.ts';
import * as repo from './repo.ts';
import { describeTransfer } from './views.ts';
import { waitedSeconds } from './wait.ts';

/**
 * A desk member of the transfer's site answers it. Exactly one member wins however many click at
 * once: the claim is one conditional UPDATE (`WHERE status = 'waiting'`), so once the winner
 * commits every other UPDATE finds nothing and gets 409 `already_answered`. The winner gets the brief.
 */
export async function answerTransfer(deps: Deps, actor: Actor, id: string) {
  const now = deps.clock.now();
  await inTransaction(deps.db, async (tx) => {
    const transfer = await repo.findTransferFor(tx, actor, id);
    if (!transfer) throw notFound('transfer', id);
    const site = await findSiteById(tx, transfer.site_id);
    if (!isDeskMemberOf(actor, transfer.site_id)) {
      throw forbidden(
        `this request waits in the ${site.slug} queue; only members of that desk may answer it`,
      );
    }
    const held = await repo.findTransferHeldBy(tx, actor.id);
    if (held && held.id !== id) {
      throw new AppError('conflict', 'you are already on a transferred call; leave or abandon it first', {
        transferId: held.id,
      });
    }
    const claimed = await repo.advanceTransfer(tx, id, ['waiting'], {
      status: 'answered',
      answered_at: now,
      answered_by: actor.id,
    });
    if (!claimed) {
      const current = await repo.findTransfer(tx, id);
      if (current?.status === 'abandoned') {
        throw new AppError('invalid_transition', 'the agent left the queue; this request is abandoned');
      }
      const winner = current?.answered_by ? await repo.findUserName(tx, current.answered_by) : undefined;
      throw new AppError(
        'already_answered',
        `${winner?.name ?? 'another desk member'} answered this request first`,
        {
          answeredBy: winner ?? null,
        },
      );
    }
    await cancelTimers(tx, thresholdTimerKey(id));
    await markMemberBusy(tx, actor, transfer.site_id, now);
    const escalation = await describeEscalation({ db: tx }, transfer.escalation_id);
    const waited = waitedSeconds(claimed, now);
    await addJobNote(tx, {
      jobId: escalation.jobId,
      authorId: actor.id,
      kind: 'transfer.answered',
      body: `${actor.name} (${actor.role}, ${site.name}) answered the transfer after ${waited} s in the queue.`,
      details: { transferId: id, escalationId: escalation.id, answeredBy: actor.id, waitedSeconds: waited },
    });
    await announceTransfer(tx, 'transfer.answered', claimed, {
      answeredBy: { id: actor.id, name: actor.name },
      waitedSeconds: waited,
    });
  });
  return describeTransfer(deps, id);
}
