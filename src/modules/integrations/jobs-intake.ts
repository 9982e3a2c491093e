import type { Static } from 'typebox';
import { Compile } from 'typebox/compile';
import type { Deps } from '../../deps.ts';
import { AppError } from '../../lib/errors.ts';
import { type SourceJob, type SyncOutcome, syncJobsFromSource } from '../jobs/sync-from-source.ts';
import { normaliseEmail, normalisePhone, normaliseTimeZone } from './contact.ts';
import { BatchJobItem, type PutJobBody } from './schemas.ts';

export type FieldError = { field: string; message: string };
type Checked = { job: SourceJob } | { errors: FieldError[] };

/**
 * What the job system sent, normalised (phone in E.164, email lower case, canonical zone), or every
 * problem with it by field path. Shape errors come from the schema; the rest need a lookup table.
 */
// Compiled once: the interpreted check cost ~0.1 ms an item, a tenth of a nightly sync.
const sourceJobShape = Compile(BatchJobItem);

export function checkSourceJob(raw: unknown): Checked {
  if (!sourceJobShape.Check(raw)) {
    const errors = sourceJobShape
      .Errors(raw)
      .filter((e) => e.keyword !== 'boolean')
      .map((e) => ({ field: e.instancePath || '/', message: e.message }));
    return { errors };
  }
  const item = raw as Static<typeof BatchJobItem>;
  const errors: FieldError[] = [];
  const phone = normalisePhone(item.customer.phone);
  if (!phone) {
    errors.push({
      field: '/customer/phone',
      message: `"${item.customer.phone}" is not a phone number (give +country code, or ten US digits)`,
    });
  }
  const rawEmail = item.customer.email?.trim() ?? '';
  const email = rawEmail ? normaliseEmail(rawEmail) : null;
  if (rawEmail && !email)
    errors.push({ field: '/customer/email', message: `"${rawEmail}" is not an email address` });
  const timeZone = normaliseTimeZone(item.customer.timeZone);
  if (!timeZone) {
    errors.push({
      field: '/customer/timeZone',
      message: `"${item.customer.timeZone}" is not an IANA time zone (e.g. America/Chicago)`,
    });
  }
  if (errors.length) return { errors };
  return {
    job: {
      number: item.externalNumber,
      customer: {
        externalId: item.customer.externalId,
        name: item.customer.name.trim(),
        phone: phone!,
        email,
        timeZone: timeZone!,
      },
      product: item.product.trim(),
      status: item.status.trim(),
      ...(item.parts
        ? {
            parts: item.parts.map((p) => ({
              partNumber: p.partNumber,
              description: p.description,
              status: p.status,
              orderedAt: p.orderedAt ? new Date(p.orderedAt) : null,
            })),
          }
        : {}),
    },
  };
}

/** Why `job` cannot go in the same batch as the items before it (a repeated number, or a customer told two ways). */
export function findClash(
  job: SourceJob,
  seen: { numbers: Map<string, number>; customers: Map<string, [number, string]> },
  position: number,
  name: (position: number) => string = (p) => `item ${p} of this batch`,
) {
  const earlier = seen.numbers.get(job.number);
  if (earlier !== undefined) return `job ${job.number} is also ${name(earlier)}; send it once`;
  const customer = seen.customers.get(job.customer.externalId);
  const shape = JSON.stringify(job.customer);
  if (customer && customer[1] !== shape) {
    return `customer ${job.customer.externalId} has other details on ${name(customer[0])}; send one version`;
  }
  seen.numbers.set(job.number, position);
  if (!customer) seen.customers.set(job.customer.externalId, [position, shape]);
  return null;
}

/** `PUT /api/integrations/jobs/{externalNumber}`: creates or updates one job and its customer. */
export async function putSourceJob(
  deps: Pick<Deps, 'db'>,
  externalNumber: string,
  body: Static<typeof PutJobBody>,
): Promise<SyncOutcome & { externalNumber: string }> {
  const checked = checkSourceJob({ ...body, externalNumber });
  if ('errors' in checked) {
    throw new AppError('validation_failed', describeErrors(checked.errors), { errors: checked.errors });
  }
  const [outcome] = await deps.db.transaction().execute((tx) => syncJobsFromSource(tx, [checked.job]));
  return { externalNumber, ...outcome! };
}

export function describeErrors(errors: FieldError[]): string {
  return errors.map((e) => `${e.field}: ${e.message}`).join('; ');
}

type ItemAnswer = {
  index: number;
  externalNumber: string | null;
  status: number;
  result?: SyncOutcome['result'];
  jobId?: string;
  customerId?: string;
  code?: string;
  errors?: FieldError[];
};

/**
 * `POST /api/integrations/jobs:batch`: each item is checked on its own; the good ones are written
 * together in one transaction and a bad one is answered with its errors and writes nothing. A
 * nightly sync thus lands everything it can and gets back exactly what to fix.
 */
export async function syncSourceJobs(deps: Pick<Deps, 'db'>, items: unknown[]) {
  const answers: ItemAnswer[] = [];
  const good: { index: number; job: SourceJob }[] = [];
  const seen = { numbers: new Map<string, number>(), customers: new Map<string, [number, string]>() };
  items.forEach((raw, index) => {
    const number = (raw as { externalNumber?: unknown } | null)?.externalNumber;
    const externalNumber = typeof number === 'string' ? number : null;
    const checked = checkSourceJob(raw);
    if ('errors' in checked) {
      answers[index] = {
        index,
        externalNumber,
        status: 400,
        code: 'validation_failed',
        errors: checked.errors,
      };
      return;
    }
    const clash = findClash(checked.job, seen, index);
    if (clash) {
      answers[index] = {
        index,
        externalNumber,
        status: 409,
        code: 'conflict',
        errors: [{ field: '/', message: clash }],
      };
      return;
    }
    good.push({ index, job: checked.job });
  });
  if (good.length) {
    const outcomes = await deps.db.transaction().execute((tx) =>
      syncJobsFromSource(
        tx,
        good.map((g) => g.job),
      ),
    );
    good.forEach(({ index, job }, i) => {
      const outcome = outcomes[i]!;
      answers[index] = {
        index,
        externalNumber: job.number,
        status: outcome.result === 'created' ? 201 : 200,
        ...outcome,
      };
    });
  }
  const count = (test: (a: ItemAnswer) => boolean) => answers.filter(test).length;
  return {
    items: answers,
    created: count((a) => a.result === 'created'),
    updated: count((a) => a.result === 'updated'),
    unchanged: count((a) => a.result === 'unchanged'),
    refused: count((a) => a.status >= 400),
  };
}
