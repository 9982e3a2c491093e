import { inTransaction } from '../../db/transaction.ts';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../../http/auth.ts';
import { notFound } from '../../lib/errors.ts';
import { enqueueWebhookEvent } from '../webhooks/outbox.ts';
import * as repo from './repo.ts';

/** Jobs matching the search that the actor reaches. */
export async function findJobs(deps: Deps, actor: Actor, q: string) {
  if (!q.trim()) return [];
  return repo.searchJobs(deps.db, actor, q, 25);
}

/**
 * A job the actor reaches with its customer, parts and timeline (oldest first). The exceptions on
 * it are added by `exceptions/job-detail.ts` (`GET /api/jobs/{number}`).
 */
export async function describeJob(deps: Deps, actor: Actor, number: string) {
  const job = await repo.findJobByNumberFor(deps.db, actor, number);
  if (!job) throw notFound('job', number);
  const [customer, parts, notes] = await Promise.all([
    repo.findCustomer(deps.db, job.customer_id),
    repo.listParts(deps.db, actor, job.id),
    repo.listNotes(deps.db, actor, job.id),
  ]);
  if (!customer) throw notFound('customer of job', number);
  return {
    id: job.id,
    number: job.number,
    product: job.product,
    status: job.status,
    createdAt: job.created_at,
    customer: {
      id: customer.id,
      name: customer.name,
      phone: customer.phone,
      email: customer.email,
      timeZone: customer.time_zone,
    },
    parts,
    notes,
  };
}

/** A person's note on the job's timeline, sent out as `job.note_added` (system notes are not). */
export async function noteJob(deps: Deps, actor: Actor, number: string, body: string) {
  const job = await repo.findJobByNumberFor(deps.db, actor, number);
  if (!job) throw notFound('job', number);
  const note = await inTransaction(deps.db, async (tx) => {
    const row = await repo.insertJobNote(tx, { jobId: job.id, authorId: actor.id, kind: 'note', body });
    await enqueueWebhookEvent(tx, {
      type: 'job.note_added',
      record: { kind: 'job', id: job.id },
      at: deps.clock.now(),
      data: { noteId: row.id, jobNumber: job.number, body, authorId: actor.id, createdAt: row.created_at },
    });
    return row;
  });
  return {
    id: note.id,
    kind: 'note',
    body,
    createdAt: note.created_at,
    authorId: actor.id,
    authorName: actor.name,
  };
}

/** Used by other features to resolve a job number inside their own transaction. */
export async function findJob(deps: Pick<Deps, 'db'>, number: string) {
  return repo.findJobByNumber(deps.db, number);
}

/** Used by other features acting for someone: the job only if the actor reaches it. */
export async function findJobInReach(deps: Pick<Deps, 'db'>, actor: Actor, number: string) {
  return repo.findJobByNumberFor(deps.db, actor, number);
}

/** Used by other features to resolve a job id inside their own transaction. */
export async function findJobById(deps: Pick<Deps, 'db'>, id: string) {
  return repo.findJobById(deps.db, id);
}
