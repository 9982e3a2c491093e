// `npm run bench [-- --quick] [name…]`: the benchmark modules below, one after the other (all of
// them when no name is given; BENCH_ONLY=a,b works too). Each prints its figures and the ratio
// against a baseline measured in the same run. Add a module by adding a line.
//   --quick: smaller sizes and shorter load phases (the whole run in under five minutes).
//   BENCH_DATABASE_URL=postgres://… runs the booking, tasks and import modules on PostgreSQL.
//   An unknown name exits with status 2 and the list of names.
import { cleanUpRun, dropDeadRunDatabases } from './database.ts';

type BenchModule = { run(): Promise<void> };

const modules: Array<[string, () => Promise<BenchModule>]> = [
  ['booking', () => import('./booking.ts')],
  ['tasks', () => import('./tasks.ts')],
  // BENCH_IMPORT_JOBS (default 100,000) through the jobs batch route against plain INSERTs.
  ['import', () => import('./import.ts')],
  // PostgreSQL only (BENCH_PG_URL); heavy: 100k timers and 1M pending by default.
  ['timers', async () => ({ run: async () => void (await (await import('./timers.ts')).benchTimers()) })],
  // The real server over HTTP (PostgreSQL, and PGlite in-process): booking under concurrency,
  // /api/me against bare Fastify, keyset task list, server memory.
  ['http', () => import('./http.ts')],
];

// Sizes for --quick; an explicit environment variable still wins.
const quickSizes: Record<string, string> = {
  BENCH_QUICK: '1',
  BENCH_BOOKINGS: '60',
  BENCH_TASKS: '5000',
  BENCH_OPENINGS: '50',
  BENCH_IMPORT_JOBS: '5000',
  BENCH_TIMERS: '10000',
  BENCH_PENDING: '100000',
};

const args = process.argv.slice(2);
if (args.includes('--quick')) {
  for (const [key, value] of Object.entries(quickSizes)) process.env[key] ??= value;
}
const names = [...args.filter((arg) => !arg.startsWith('--')), ...(process.env.BENCH_ONLY?.split(',') ?? [])];
const known = modules.map(([name]) => name);
const unknown = names.filter((name) => !known.includes(name));
const unknownFlags = args.filter((arg) => arg.startsWith('--') && arg !== '--quick');
if (unknown.length || unknownFlags.length) {
  console.error(
    `unknown benchmark ${[...unknown, ...unknownFlags].join(', ')}; known: ${known.join(', ')} (and --quick)`,
  );
  process.exit(2);
}

// Cut short: stop what the run started and drop its databases before leaving.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`\n${signal}: cleaning up`);
    void cleanUpRun().finally(() => process.exit(130));
  });
}

const started = performance.now();
try {
  const dropped = await dropDeadRunDatabases();
  if (dropped.length) console.log(`dropped databases of dead runs: ${dropped.join(', ')}`);
  for (const [name, load] of modules) {
    if (names.length && !names.includes(name)) continue;
    console.log(`\n== ${name} ==`);
    await (await load()).run();
  }
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await cleanUpRun();
}
console.log(`\nbench finished in ${((performance.now() - started) / 1000).toFixed(0)} s`);
process.exit(process.exitCode ?? 0);
