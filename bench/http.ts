// HTTP benchmark: speed as users feel it. The real server (`src/main.ts`, spawned on a loopback
// port against a fresh PostgreSQL database) under concurrent clients, each figure a ratio of a
// baseline measured in the same run:
//  1. booking (POST /api/sites/east/appointments) at 8 concurrent clients ÷ the statements one
//     booking request sends (captured at the `pg` driver, auth and row-security switch included),
//     replayed one by one by a plain `pg` pool at the same concurrency with fresh ids; p99 latency.
//     The same on PGlite, sequentially (app in-process, since PGlite belongs to one process).
//  2. GET /api/me with an API token at -c 32 (autocannon) ÷ bare Fastify serving the same token
//     select through `pg`; variants (health with and without a token) show where the rest goes.
//  3. A filtered keyset page (50 of BENCH_HTTP_TASKS, default 200,000) ÷ GET /api/tasks/:id, with
//     EXPLAIN of the list statements.
//  4. Server RSS idle and under load (VmRSS of the server process).
// Env: BENCH_HTTP_ENGINES (postgres,pglite), BENCH_HTTP_BOOKINGS, BENCH_HTTP_PGLITE_BOOKINGS,
// BENCH_HTTP_SECONDS (per autocannon run), BENCH_HTTP_TASKS; BENCH_PG_URL picks the server.
// The parts live in bench/http/: one file per benchmark (booking-postgres.ts, which also runs
// api-me.ts and task-list.ts on its server; booking-pglite.ts) and the shared parts (server.ts,
// rss.ts, statements.ts, load.ts, booking-request.ts, settings.ts).
import { benchPglite } from './http/booking-pglite.ts';
import { benchPostgres } from './http/booking-postgres.ts';

export async function run() {
  const results: string[] = [];
  const engines = (process.env.BENCH_HTTP_ENGINES ?? 'postgres,pglite').split(',');
  if (engines.includes('postgres')) await benchPostgres(results);
  if (engines.includes('pglite')) await benchPglite(results);
  console.log('\nhttp summary:');
  for (const line of results) console.log(`  ${line}`);
}
