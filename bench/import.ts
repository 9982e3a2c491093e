// Jobs intake benchmark: a nightly full sync of BENCH_IMPORT_JOBS jobs (default 100,000, each with
// its own customer) sent through `POST /api/integrations/jobs:batch`, 1,000 per request, via
// app.inject with an integration API token; then the same sync again (nothing changed: it must
// write nothing). Baseline, measured in the same run on the same database: the same rows written
// by plain multi-row INSERTs through the driver, 1,000 per statement, one transaction per 1,000.
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import type { Deps } from '../src/deps.ts';
import { createFakeClock } from '../src/lib/clock.ts';
import { issueApiToken } from '../src/modules/users/session.ts';
import { openBenchDatabase } from './database.ts';

const total = Number(process.env.BENCH_IMPORT_JOBS ?? 100_000);
const perRequest = 1000;

function item(prefix: string, n: number) {
  const digits = String(2_000_000 + n).slice(-7);
  return {
    externalNumber: `${prefix}-${n}`,
    customer: {
      externalId: `${prefix}C-${n}`,
      name: `Customer ${n}`,
      phone: `(555) ${digits.slice(0, 3)}-${digits.slice(3)}`,
      email: `c${n}@example.test`,
      timeZone: 'America/Chicago',
    },
    product: 'Washer',
    status: 'scheduled',
  };
}

export async function run() {
  const handle = await openBenchDatabase('import');
  try {
    await migrateToLatest(handle.db);
    await handle.db
      .insertInto('users')
      .values({ email: 'bench.sync@demo.test', name: 'Bench sync', role: 'integration' })
      .execute();
    const token = await issueApiToken(handle.db, 'bench.sync@demo.test', 'bench');
    const deps: Deps = {
      db: handle.db,
      clock: createFakeClock('2026-11-26T15:00:00Z'),
      config: loadConfig({}),
    };
    const app = await buildApp(deps);

    const sync = async (prefix: string) => {
      const started = performance.now();
      for (let from = 0; from < total; from += perRequest) {
        const items = Array.from({ length: Math.min(perRequest, total - from) }, (_, i) =>
          item(prefix, from + i),
        );
        const response = await app.inject({
          method: 'POST',
          url: '/api/integrations/jobs:batch',
          headers: { authorization: `Bearer ${token}` },
          payload: { items },
        });
        if (response.statusCode !== 200) throw new Error(`batch failed: ${response.body.slice(0, 300)}`);
        const body = response.json() as { refused: number };
        if (body.refused) throw new Error(`batch refused ${body.refused} items`);
      }
      return (performance.now() - started) / 1000;
    };

    const baseline = async (prefix: string) => {
      const started = performance.now();
      for (let from = 0; from < total; from += perRequest) {
        const rows = Array.from({ length: Math.min(perRequest, total - from) }, (_, i) =>
          item(prefix, from + i),
        );
        await handle.db.transaction().execute(async (tx) => {
          const customers = await tx
            .insertInto('customers')
            .values(
              rows.map((r) => ({
                external_id: r.customer.externalId,
                name: r.customer.name,
                phone: `+1${r.customer.phone.replace(/\D/g, '')}`,
                email: r.customer.email,
                time_zone: r.customer.timeZone,
              })),
            )
            .returning('id')
            .execute();
          await tx
            .insertInto('jobs')
            .values(
              rows.map((r, i) => ({
                number: r.externalNumber,
                customer_id: customers[i]!.id,
                product: r.product,
                status: r.status,
              })),
            )
            .execute();
        });
      }
      return (performance.now() - started) / 1000;
    };

    const plain = await baseline('PLAIN');
    const first = await sync('SYNC');
    const again = await sync('SYNC');
    await app.close();
    const rate = (seconds: number) => `${Math.round(total / seconds).toLocaleString('en-US')} jobs/s`;
    console.log(
      `jobs intake on ${handle.engine}: ${total.toLocaleString('en-US')} jobs, ${perRequest} per request`,
    );
    console.log(`  batch route, first load:          ${first.toFixed(1)} s (${rate(first)})`);
    console.log(`  batch route, same data again:     ${again.toFixed(1)} s (${rate(again)}; writes nothing)`);
    console.log(`  baseline (plain multi-row INSERT): ${plain.toFixed(1)} s (${rate(plain)})`);
    console.log(
      `  ratio route/baseline:             ${(first / plain).toFixed(2)}x first load, ${(again / plain).toFixed(2)}x re-sync`,
    );
  } finally {
    await handle.close();
  }
}
