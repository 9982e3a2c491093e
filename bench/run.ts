// `npm run bench`: every benchmark module below, one after the other. Each prints its figures and
// the ratio against a baseline measured in the same run. Add a module by adding a line.
//   BENCH_DATABASE_URL=postgres://… runs the database parts on PostgreSQL instead of PGlite.
//   BENCH_ONLY=booking runs one module.

type BenchModule = { run(): Promise<void> };

const modules: Array<[string, () => Promise<BenchModule>]> = [
  ['booking', () => import('./booking.ts')],
  ['tasks', () => import('./tasks.ts')],
  // BENCH_IMPORT_JOBS (default 100,000) through the jobs batch route against plain INSERTs.
  ['import', () => import('./import.ts')],
  // PostgreSQL only (BENCH_PG_URL); heavy: 100k timers and 1M pending by default.
  ['timers', async () => ({ run: async () => void (await (await import('./timers.ts')).benchTimers()) })],
];

const only = process.env.BENCH_ONLY?.split(',');
for (const [name, load] of modules) {
  if (only && !only.includes(name)) continue;
  console.log(`\n== ${name} ==`);
  await (await load()).run();
}
