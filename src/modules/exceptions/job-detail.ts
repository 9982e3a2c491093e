import type { Deps } from '../../deps.ts';
import type { Actor } from '../../http/auth.ts';
import { describeJob } from '../jobs/service.ts';
import * as repo from './repo.ts';

/**
 * `GET /api/jobs/{number}`: the job (jobs: customer, parts, timeline) with the exceptions on it that
 * the actor reaches. Composed here because exceptions build on jobs, not the other way round.
 */
export async function describeJobWithExceptions(deps: Deps, actor: Actor, number: string) {
  const job = await describeJob(deps, actor, number);
  return { ...job, exceptions: await repo.listJobExceptions(deps.db, actor, job.id) };
}
