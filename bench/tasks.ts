// Tasks benchmark: (1) Call Back exceptions opened per second through `openException` (exception,
// routing with the team row locked, task, notes, event in one transaction); (2) task list and board
// counts over a large table, median ms, as a BPO user (team scope) and as a lead (everything).
//   BENCH_TASKS=20000 sets the table size; BENCH_DATABASE_URL=postgres://… runs on PostgreSQL.
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { loadConfig } from '../src/config.ts';
import { openBenchDatabase } from './database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import type { Deps } from '../src/deps.ts';
import { type Actor, findActorByEmail } from '../src/http/auth.ts';
import { createFakeClock } from '../src/lib/clock.ts';
import { openException } from '../src/modules/exceptions/open-exception.ts';
import { countTasks, listTasks } from '../src/modules/tasks/read-tasks.ts';
import { seedDemo } from '../src/seed/seed-demo.ts';

const tableSize = Number(process.env.BENCH_TASKS ?? 20000);
const openings = Number(process.env.BENCH_OPENINGS ?? 200);

async function actorOf(deps: Deps, email: string): Promise<Actor> {
  const actor = await findActorByEmail(deps.db, email);
  if (!actor) throw new Error(`no active user ${email}`);
  return actor;
}

async function medianMs(runs: number, work: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await work();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return Number(times[Math.floor(times.length / 2)]!.toFixed(2));
}

export async function run() {
  const handle = await openBenchDatabase('tasks', { max: 4 });
  try {
    await migrateToLatest(handle.db);
    await seedDemo(handle.db);
    const deps: Deps = { db: handle.db, clock: createFakeClock(), config: loadConfig({}) };
    const agent = await actorOf(deps, 'agent.east@demo.test');
    const comment = await deps.db
      .selectFrom('exception_comments')
      .select('id')
      .where('reason_id', 'is', null)
      .executeTakeFirstOrThrow();
    const jobIds = (await deps.db.selectFrom('jobs').select('id').execute()).map((j) => j.id);

    const start = performance.now();
    for (let i = 0; i < openings; i++) {
      await deps.db.transaction().execute((tx) =>
        openException(deps, tx, agent, {
          jobId: jobIds[i % jobIds.length]!,
          typeCode: 'call_back',
          commentId: comment.id,
        }),
      );
    }
    const seconds = (performance.now() - start) / 1000;
    console.log(
      `openException (call_back → routed task): ${(openings / seconds).toFixed(0)}/s over ${openings}`,
    );

    // Fill the table: tasks spread over every team, a quarter completed, set-based in one statement.
    await sql`
      INSERT INTO tasks (type, status, title, team_id, assignee_id, due_at, customer_id, created_at, updated_at)
      SELECT 'callback',
             (ARRAY['not_started','in_progress','waiting','completed'])[1 + g % 4],
             'bench task ' || g,
             t.id,
             NULL,
             now() + (g % 500) * interval '1 minute',
             c.id,
             now() - g * interval '1 second',
             now()
      FROM generate_series(1, ${tableSize}) AS g
      CROSS JOIN LATERAL (SELECT id FROM teams ORDER BY id OFFSET g % 6 LIMIT 1) t
      CROSS JOIN LATERAL (SELECT id FROM customers ORDER BY id OFFSET g % 24 LIMIT 1) c
    `.execute(deps.db);
    await sql`ANALYZE tasks`.execute(deps.db);

    const bpo = await actorOf(deps, 'cb.bpo@demo.test');
    const lead = await actorOf(deps, 'lead.east@demo.test');
    for (const [label, actor] of [
      ['BPO user (team scope)', bpo],
      ['lead (all teams)', lead],
    ] as const) {
      const first = await medianMs(20, () => listTasks(deps, actor, { limit: 50 }));
      const open = await medianMs(20, () =>
        listTasks(deps, actor, { status: 'open', sort: 'due', limit: 50 }),
      );
      let cursor: string | null = null;
      for (let page = 0; page < 20; page++) {
        cursor = (await listTasks(deps, actor, { limit: 50, cursor: cursor ?? undefined })).nextCursor;
      }
      const deep = await medianMs(20, () =>
        listTasks(deps, actor, { limit: 50, cursor: cursor ?? undefined }),
      );
      const counts = await medianMs(20, () => countTasks(deps, actor, {}));
      console.log(
        `${label}, ${tableSize + openings} tasks: first page ${first} ms, open by due ${open} ms, page 21 ${deep} ms, counts ${counts} ms (median of 20)`,
      );
    }
  } finally {
    await handle.close();
  }
}

if (import.meta.main) await run();
