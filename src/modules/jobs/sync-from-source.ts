import { sql } from 'kysely';
import type { Db } from '../../db/client.ts';
import { addJobNotes } from './notes.ts';

// Jobs and their customers as the job system of record says they are, written set-based: a few
// statements for a whole batch, whatever its size (a nightly full sync sends 100,000 jobs).

/** A job as the job system sends it, already checked and normalised. */
export type SourceJob = {
  number: string;
  customer: { externalId: string; name: string; phone: string; email: string | null; timeZone: string };
  product: string;
  status: string;
  /** Undefined: leave the job's parts alone. */
  parts?: { partNumber: string; description: string; status: string; orderedAt: Date | null }[];
};

export type SyncOutcome = { jobId: string; customerId: string; result: 'created' | 'updated' | 'unchanged' };

// PostgreSQL allows 65,535 bind parameters per statement; 1,000 rows × 6 columns stays far below.
const chunkSize = 1000;

function chunks<T>(rows: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += chunkSize) out.push(rows.slice(i, i + chunkSize));
  return out;
}

const sameCustomer = (
  a: SourceJob['customer'],
  b: { name: string; phone: string; email: string | null; time_zone: string },
) => a.name === b.name && a.phone === b.phone && a.email === b.email && a.timeZone === b.time_zone;

/**
 * Creates or updates customers by external id, then jobs by number, then (when given) parts, inside
 * the caller's transaction. Only rows that differ are written (`… ON CONFLICT … DO UPDATE … WHERE
 * … IS DISTINCT FROM …`, which also keeps a concurrent sync from rewriting an equal row), so the
 * same input twice writes nothing. An updated job gets one note saying what the job system changed.
 * `jobs` must not repeat a number, and one customer id must carry the same details throughout.
 */
export async function syncJobsFromSource(tx: Db, jobs: SourceJob[]): Promise<SyncOutcome[]> {
  const customerIds = new Map<string, string>();
  const changedCustomers = new Set<string>();
  const customers = [...new Map(jobs.map((j) => [j.customer.externalId, j.customer])).values()];
  for (const part of chunks(customers)) {
    const existing = await tx
      .selectFrom('customers')
      .select(['id', 'external_id', 'name', 'phone', 'email', 'time_zone'])
      .where(
        'external_id',
        'in',
        part.map((c) => c.externalId),
      )
      .execute();
    const byKey = new Map(existing.map((row) => [row.external_id!, row]));
    const toWrite = part.filter((c) => {
      const row = byKey.get(c.externalId);
      if (row) customerIds.set(c.externalId, row.id);
      return !row || !sameCustomer(c, row);
    });
    if (!toWrite.length) continue;
    const written = await tx
      .insertInto('customers')
      .values(
        toWrite.map((c) => ({
          external_id: c.externalId,
          name: c.name,
          phone: c.phone,
          email: c.email,
          time_zone: c.timeZone,
        })),
      )
      .onConflict((oc) =>
        oc
          .column('external_id')
          .doUpdateSet((eb) => ({
            name: eb.ref('excluded.name'),
            phone: eb.ref('excluded.phone'),
            email: eb.ref('excluded.email'),
            time_zone: eb.ref('excluded.time_zone'),
          }))
          .where(
            sql<boolean>`(customers.name, customers.phone, customers.email, customers.time_zone)
              IS DISTINCT FROM (excluded.name, excluded.phone, excluded.email, excluded.time_zone)`,
          ),
      )
      .returning(['id', 'external_id'])
      .execute();
    for (const row of written) {
      customerIds.set(row.external_id!, row.id);
      changedCustomers.add(row.external_id!);
    }
    // A concurrent sync may have written the very same row first: then ours wrote (and returned) nothing.
    const missed = part.filter((c) => !customerIds.has(c.externalId)).map((c) => c.externalId);
    if (missed.length) {
      const rows = await tx
        .selectFrom('customers')
        .select(['id', 'external_id'])
        .where('external_id', 'in', missed)
        .execute();
      for (const row of rows) customerIds.set(row.external_id!, row.id);
    }
  }

  const outcomes = new Map<string, SyncOutcome>();
  const notes: Parameters<typeof addJobNotes>[1] = [];
  for (const part of chunks(jobs)) {
    const existing = await tx
      .selectFrom('jobs')
      .select(['id', 'number', 'customer_id', 'product', 'status'])
      .where(
        'number',
        'in',
        part.map((j) => j.number),
      )
      .execute();
    const byNumber = new Map(existing.map((row) => [row.number, row]));
    const toWrite = part.filter((job) => {
      const row = byNumber.get(job.number);
      const customerId = customerIds.get(job.customer.externalId)!;
      const isSame =
        row && row.customer_id === customerId && row.product === job.product && row.status === job.status;
      if (row) {
        outcomes.set(job.number, {
          jobId: row.id,
          customerId,
          result: changedCustomers.has(job.customer.externalId) ? 'updated' : 'unchanged',
        });
      }
      return !isSame;
    });
    if (!toWrite.length) continue;
    const sent = new Map(toWrite.map((job) => [job.number, job]));
    const written = await tx
      .insertInto('jobs')
      .values(
        toWrite.map((job) => ({
          number: job.number,
          customer_id: customerIds.get(job.customer.externalId)!,
          product: job.product,
          status: job.status,
        })),
      )
      .onConflict((oc) =>
        oc
          .column('number')
          .doUpdateSet((eb) => ({
            customer_id: eb.ref('excluded.customer_id'),
            product: eb.ref('excluded.product'),
            status: eb.ref('excluded.status'),
          }))
          .where(
            sql<boolean>`(jobs.customer_id, jobs.product, jobs.status)
              IS DISTINCT FROM (excluded.customer_id, excluded.product, excluded.status)`,
          ),
      )
      .returning(['id', 'number', 'customer_id', sql<boolean>`xmax = 0`.as('isInserted')])
      .execute();
    for (const row of written) {
      outcomes.set(row.number, {
        jobId: row.id,
        customerId: row.customer_id,
        result: row.isInserted ? 'created' : 'updated',
      });
      const before = byNumber.get(row.number);
      if (!row.isInserted && before) notes.push(changeNote(before, sent.get(row.number)!, row));
    }
    const missed = part.filter((job) => !outcomes.has(job.number)).map((job) => job.number);
    if (missed.length) {
      const rows = await tx
        .selectFrom('jobs')
        .select(['id', 'number', 'customer_id'])
        .where('number', 'in', missed)
        .execute();
      for (const row of rows) {
        outcomes.set(row.number, { jobId: row.id, customerId: row.customer_id, result: 'unchanged' });
      }
    }
  }

  const withParts = jobs.filter((job) => job.parts !== undefined);
  const changedParts = await replaceChangedParts(tx, withParts, outcomes);
  const noted = new Set(notes.map((n) => n.jobId));
  for (const number of changedParts) {
    const outcome = outcomes.get(number)!;
    if (outcome.result === 'unchanged') outcome.result = 'updated';
    if (outcome.result === 'updated' && !noted.has(outcome.jobId)) {
      notes.push({
        jobId: outcome.jobId,
        authorId: null,
        kind: 'job.synced',
        body: 'The job system updated the parts.',
        details: { parts: true },
      });
    }
  }
  await addJobNotes(tx, notes);
  return jobs.map((job) => outcomes.get(job.number)!);
}

function changeNote(
  before: { product: string; status: string; customer_id: string },
  after: SourceJob,
  row: { id: string; customer_id: string },
) {
  const changes: string[] = [];
  if (before.status !== after.status) changes.push(`status ${before.status} → ${after.status}`);
  if (before.product !== after.product) changes.push(`product ${before.product} → ${after.product}`);
  if (before.customer_id !== row.customer_id) changes.push(`customer → ${after.customer.name}`);
  return {
    jobId: row.id,
    authorId: null,
    kind: 'job.synced',
    body: `The job system updated the job: ${changes.join('; ')}.`,
    details: { status: after.status, product: after.product, customerId: row.customer_id },
  };
}

const partKey = (p: { partNumber: string; description: string; status: string; orderedAt: Date | null }) =>
  `${p.partNumber}\u0000${p.description}\u0000${p.status}\u0000${p.orderedAt?.toISOString() ?? ''}`;

/** Parts are a set per job: when it differs from what the job system sent, it is replaced. */
async function replaceChangedParts(tx: Db, jobs: SourceJob[], outcomes: Map<string, SyncOutcome>) {
  const changed: string[] = [];
  for (const part of chunks(jobs)) {
    const ids = part.map((job) => outcomes.get(job.number)!.jobId);
    const rows = await tx
      .selectFrom('job_parts')
      .select(['job_id', 'part_number', 'description', 'status', 'ordered_at'])
      .where('job_id', 'in', ids)
      .execute();
    const current = new Map<string, string[]>();
    for (const row of rows) {
      const key = partKey({
        partNumber: row.part_number,
        description: row.description,
        status: row.status,
        orderedAt: row.ordered_at,
      });
      current.set(row.job_id, [...(current.get(row.job_id) ?? []), key]);
    }
    const differing = part.filter((job) => {
      const given = job.parts!.map(partKey).sort().join('\n');
      const had = (current.get(outcomes.get(job.number)!.jobId) ?? []).sort().join('\n');
      return given !== had;
    });
    if (!differing.length) continue;
    const differingIds = differing.map((job) => outcomes.get(job.number)!.jobId);
    await tx.deleteFrom('job_parts').where('job_id', 'in', differingIds).execute();
    const values = differing.flatMap((job) =>
      job.parts!.map((p) => ({
        job_id: outcomes.get(job.number)!.jobId,
        part_number: p.partNumber,
        description: p.description,
        status: p.status,
        ordered_at: p.orderedAt,
      })),
    );
    for (const slice of chunks(values)) await tx.insertInto('job_parts').values(slice).execute();
    changed.push(...differing.map((job) => job.number));
  }
  return changed;
}
