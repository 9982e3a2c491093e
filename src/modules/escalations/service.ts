import type { Db } from '../../db/client.ts';
import type { EscalationStatus } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../../http/auth.ts';
import { inTransaction } from '../../db/transaction.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { addJobNote } from '../jobs/notes.ts';
import { findJobInReach } from '../jobs/service.ts';
import * as repo from './repo.ts';
import { openEscalationStatuses } from './schemas.ts';

export type EscalationView = NonNullable<Awaited<ReturnType<typeof repo.findEscalationView>>> & {
  reasons: string[];
};

/** Opens an escalation on a job at the agent's site; tagged with the site's active outage, if any. */
export async function escalateCase(
  deps: Deps,
  actor: Actor,
  input: { jobNumber: string; reasons: string[]; summary: string; allowDuplicate?: boolean },
): Promise<EscalationView> {
  if (!actor.siteId)
    throw new AppError('unprocessable', 'you are not attached to a site, so you cannot escalate');
  const codes = [...new Set(input.reasons)];
  const id = await inTransaction(deps.db, async (tx) => {
    const job = await findJobInReach({ db: tx }, actor, input.jobNumber);
    if (!job) throw notFound('job', input.jobNumber);
    if (input.allowDuplicate === false) await refuseDuplicate(tx, actor, job);
    const reasons = await repo.findReasonsByCode(tx, codes);
    const unknown = codes.filter((code) => !reasons.some((r) => r.code === code));
    if (unknown.length) {
      throw new AppError('validation_failed', `unknown escalation reason: ${unknown.join(', ')}`, {
        unknown,
      });
    }
    const outage = await repo.findActiveOutageForSite(tx, actor.siteId!);
    const escalationId = await repo.insertEscalation(
      tx,
      {
        jobId: job.id,
        customerId: job.customer_id,
        siteId: actor.siteId!,
        raisedBy: actor.id,
        summary: input.summary,
        outageId: outage?.id ?? null,
        createdAt: deps.clock.now(),
      },
      reasons.map((r) => r.id),
    );
    await addJobNote(tx, {
      jobId: job.id,
      authorId: actor.id,
      kind: 'escalation.created',
      body: `Escalation opened by ${actor.name}: ${reasons.map((r) => r.label).join(', ')}. ${input.summary}`,
      details: { escalationId, reasons: codes, outageId: outage?.id ?? null },
    });
    return escalationId;
  });
  return describeEscalation(deps, id);
}

/**
 * A second escalation on a job with an open one is usually a person who lost their place (a
 * reload, a new sign-in), not a new complaint: say which one is open so they can go back to it.
 */
async function refuseDuplicate(db: Db, actor: Actor, job: { id: string; number: string }) {
  const open = await repo.findOpenEscalationOfJob(db, actor, job.id, openEscalationStatuses);
  if (!open) return;
  const who = open.raisedById === actor.id ? 'you' : open.raisedByName;
  throw new AppError(
    'open_escalation_exists',
    `job ${job.number} already has an open escalation (raised by ${who}); go back to it, or confirm to open another`,
    {
      escalationId: open.id,
      escalationStatus: open.status,
      raisedBy: { id: open.raisedById, name: open.raisedByName },
    },
  );
}

/**
 * The escalations the actor raised that still need them (open, in the queue, asking for a
 * callback), newest first, at most 50; one job's with `jobNumber`. Their transfer and permission
 * state is added by `permissions/my-open-escalations.ts`, above the features that own it.
 */
export async function listMyOpenEscalations(
  deps: Pick<Deps, 'db'>,
  actor: Actor,
  jobNumber: string | undefined,
) {
  const rows = await repo.listOpenEscalationsRaisedBy(deps.db, actor, openEscalationStatuses, jobNumber);
  return rows.map((row) => ({ ...row, reasons: row.reasons ?? [] }));
}

/** An escalation the actor reaches, or 404: what every route taking an escalation id reads first. */
export async function describeEscalationFor(
  deps: Pick<Deps, 'db'>,
  actor: Actor,
  id: string,
): Promise<EscalationView> {
  const view = await repo.findEscalationViewFor(deps.db, actor, id);
  if (!view) throw notFound('escalation', id);
  return { ...view, reasons: view.reasons ?? [] };
}

/** An escalation whatever the reach: for system work and for a change already walled by its caller. */
export async function describeEscalation(deps: Pick<Deps, 'db'>, id: string): Promise<EscalationView> {
  const view = await repo.findEscalationView(deps.db, id);
  if (!view) throw notFound('escalation', id);
  return { ...view, reasons: view.reasons ?? [] };
}

/** A customer's escalations that the actor reaches, newest first (for the Customer View). */
export async function listCustomerEscalations(
  deps: Pick<Deps, 'db'>,
  actor: Actor,
  customerId: string,
): Promise<EscalationView[]> {
  const rows = await repo.listEscalationViewsOfCustomer(deps.db, actor, customerId);
  return rows.map((row) => ({ ...row, reasons: row.reasons ?? [] }));
}

/** The job an escalation is about (callbacks: the job of an appointment's escalation). */
export async function findEscalationJobId(db: Db, id: string): Promise<string> {
  return (await repo.findEscalationJobId(db, id)).jobId;
}

/** For other features (transfers, booking) inside their own transaction. */
export async function setEscalationStatus(db: Db, id: string, status: EscalationStatus) {
  await repo.updateEscalationStatus(db, id, status);
}

/**
 * An escalation the actor reaches with its site, job, customer and reason ids, locked for the rest
 * of the caller's transaction; undefined when out of reach or missing.
 */
export async function lockEscalationInReach(tx: Db, actor: Actor, id: string) {
  const row = await repo.lockEscalationWithReasons(tx, actor, id);
  return row && { ...row, reasonIds: row.reasonIds ?? [] };
}

/** What a Leadership Desk member reads on answering a transfer: reasons, customer and job, the agent's summary. */
export async function describeEscalationBrief(db: Db, escalationId: string) {
  const { head, reasons } = await repo.findEscalationBrief(db, escalationId);
  return {
    escalationId: head.escalationId,
    reasons,
    summary: head.summary,
    outageId: head.outageId,
    customer: {
      id: head.customerId,
      name: head.customerName,
      phone: head.customerPhone,
      email: head.customerEmail,
      timeZone: head.customerTimeZone,
    },
    job: { id: head.jobId, number: head.jobNumber, product: head.jobProduct, status: head.jobStatus },
    agent: { id: head.agentId, name: head.agentName },
  };
}
