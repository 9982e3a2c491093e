import { inTransaction } from '../../db/transaction.ts';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../../http/auth.ts';
import { notFound } from '../../lib/errors.ts';
import { findJobInReach } from '../jobs/service.ts';
import { jobFactsOf } from '../tasks/create-routed-task.ts';
import { openException } from './open-exception.ts';

/**
 * `POST /api/jobs/{number}/exceptions`: the exception and (for Call Back) its task, or nothing at
 * all.
 */
export async function raiseException(
  deps: Deps,
  actor: Actor,
  jobNumber: string,
  input: { type: string; commentId: string; escalationId?: string },
) {
  return inTransaction(deps.db, async (tx) => {
    const job = await findJobInReach({ db: tx }, actor, jobNumber);
    if (!job) throw notFound('job', jobNumber);
    return openException(deps, tx, actor, {
      jobId: job.id,
      job: jobFactsOf(job),
      typeCode: input.type,
      commentId: input.commentId,
      escalationId: input.escalationId ?? null,
    });
  });
}
