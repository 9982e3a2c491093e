import type { Deps } from '../../deps.ts';
import { parseCsv } from '../admin/csv.ts';
import { syncJobsFromSource } from '../jobs/sync-from-source.ts';
import type { SourceJob } from '../jobs/sync-from-source.ts';
import { checkSourceJob, describeErrors, findClash } from './jobs-intake.ts';

/**
 * `import-jobs <file.csv>`, the first load from the job system: a header row
 * `externalNumber,customerExternalId,customerName,customerPhone,customerEmail,customerTimeZone,product,status`
 * (any order, any case), then one job per row; `customerEmail` may be empty. The same checks as the
 * API. All or nothing: every bad row is reported by its line and nothing is written.
 */
export const jobColumns = {
  required: [
    'externalnumber',
    'customerexternalid',
    'customername',
    'customerphone',
    'customertimezone',
    'product',
    'status',
  ],
  optional: ['customeremail'],
} as const;

const maxReported = 50;

export async function importJobs(
  deps: Pick<Deps, 'db'>,
  text: string,
): Promise<{ created: number; updated: number; unchanged: number }> {
  const records = parseCsv(text, jobColumns);
  const problems: string[] = [];
  const jobs: SourceJob[] = [];
  const seen = { numbers: new Map<string, number>(), customers: new Map<string, [number, string]>() };
  for (const { line, fields } of records) {
    const checked = checkSourceJob({
      externalNumber: fields.externalnumber,
      customer: {
        externalId: fields.customerexternalid,
        name: fields.customername,
        phone: fields.customerphone,
        email: fields.customeremail || null,
        timeZone: fields.customertimezone,
      },
      product: fields.product,
      status: fields.status,
    });
    if ('errors' in checked) {
      problems.push(`line ${line}: ${describeErrors(checked.errors)}`);
      continue;
    }
    const clash = findClash(checked.job, seen, line, (earlier) => `line ${earlier}`);
    if (clash) problems.push(`line ${line}: ${clash}`);
    else jobs.push(checked.job);
  }
  if (problems.length) {
    const more = problems.length > maxReported ? `\n…and ${problems.length - maxReported} more` : '';
    throw new Error(`${problems.length} bad row(s):\n${problems.slice(0, maxReported).join('\n')}${more}`);
  }
  const outcomes = await deps.db.transaction().execute((tx) => syncJobsFromSource(tx, jobs));
  const count = (result: string) => outcomes.filter((o) => o.result === result).length;
  return { created: count('created'), updated: count('updated'), unchanged: count('unchanged') };
}
