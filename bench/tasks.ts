// Tasks benchmark: (1) Call Back exceptions raised per second through `raiseException` (exception,
// routing with the team row locked, task, notes, event in one transaction), against the same
// statements sent as raw SQL in one round trip; (2) task list and board counts over a large table,
// median ms, as a BPO user (team scope) and as a lead (everything), against the same SQL sent
// straight to the driver (the floor: what our query building and mapping add).
//   BENCH_TASKS=20000 sets the table size; BENCH_DATABASE_URL=postgres://… runs on PostgreSQL.
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { loadConfig } from '../src/config.ts';
import { withSigningSecret } from '../src/db/installation-secret.ts';
import type { Db, DatabaseHandle } from '../src/db/client.ts';
import { openBenchDatabase } from './database.ts';
import { captureStatements, median, rawQueryRunner, rawScriptRunner, transactionScript } from './replay.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import type { Deps } from '../src/deps.ts';
import { type Actor, findActorByEmail } from '../src/http/auth.ts';
import { createFakeClock } from '../src/lib/clock.ts';
import { raiseException } from '../src/modules/exceptions/service.ts';
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
  return median(times);
}

/** Our median time for `work`, and the median of its captured statements sent straight to the driver. */
async function againstFloor(handle: DatabaseHandle, work: (db: Db) => Promise<unknown>) {
  const ours = await medianMs(20, () => work(handle.db));
  const { statements } = await captureStatements(handle, work);
  const send = rawQueryRunner(handle);
  const floor = await medianMs(20, async () => {
    for (const statement of statements) await send(statement);
  });
  return `${ours.toFixed(2)} ms (${(floor / ours).toFixed(2)} of the floor's speed)`;
}

export async function run() {
  const handle = await openBenchDatabase('tasks', { max: 4 });
  try {
    await migrateToLatest(handle.db);
    await seedDemo(handle.db);
    const deps: Deps = {
      db: handle.db,
      clock: createFakeClock(),
      config: await withSigningSecret(loadConfig({}), handle.db),
    };
    const agent = await actorOf(deps, 'agent.east@demo.test');
    const comment = await deps.db
      .selectFrom('exception_comments')
      .select('id')
      .where('reason_id', 'is', null)
      .executeTakeFirstOrThrow();
    const jobNumbers = (await deps.db.selectFrom('jobs').select('number').execute()).map((j) => j.number);

    // As `POST /api/jobs/{number}/exceptions` does it.
    const open = (db: Db, i: number) =>
      raiseException({ ...deps, db }, agent, jobNumbers[i % jobNumbers.length]!, {
        type: 'call_back',
        commentId: comment.id,
      });
    // The baseline replays one opening's statements under fresh ids for the rows it makes.
    const { result: first, statements } = await captureStatements(handle, (db) => open(db, 0));
    const { script, count } = transactionScript(statements);
    const made = [first.exception.id, first.task!.id];
    const scripts = Array.from({ length: openings }, () =>
      made.reduce((text, id) => text.replaceAll(id, randomUUID()), script),
    );
    const raw = rawScriptRunner(handle);
    let serviceMs = 0;
    let rawMs = 0;
    for (let done = 0; done < openings; done += 10) {
      const started = performance.now();
      for (let i = done; i < done + 10; i++) await open(deps.db, i + 1);
      const between = performance.now();
      for (let i = done; i < done + 10; i++) await raw(scripts[i]!);
      serviceMs += between - started;
      rawMs += performance.now() - between;
    }
    console.log(
      `raising a Call Back exception (routed task; ${count} statements): ${((openings / serviceMs) * 1000).toFixed(0)}/s, ` +
        `${(rawMs / serviceMs).toFixed(2)} of the same SQL in one round trip (${((openings / rawMs) * 1000).toFixed(0)}/s)`,
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
      const on = (db: Db) => ({ ...deps, db });
      const firstPage = await againstFloor(handle, (db) => listTasks(on(db), actor, { limit: 50 }));
      const openByDue = await againstFloor(handle, (db) =>
        listTasks(on(db), actor, { status: 'open', sort: 'due', limit: 50 }),
      );
      let cursor: string | null = null;
      for (let page = 0; page < 20; page++) {
        cursor = (await listTasks(deps, actor, { limit: 50, cursor: cursor ?? undefined })).nextCursor;
      }
      const deep = await againstFloor(handle, (db) =>
        listTasks(on(db), actor, { limit: 50, cursor: cursor ?? undefined }),
      );
      const counts = await againstFloor(handle, (db) => countTasks(on(db), actor, {}));
      console.log(`${label}, ${tableSize + openings + 1} tasks (medians of 20):`);
      console.log(`  first page ${firstPage}`);
      console.log(`  open by due ${openByDue}`);
      console.log(`  page 21 ${deep}`);
      console.log(`  counts ${counts}`);
    }
  } finally {
    await handle.close();
  }
}

if (import.meta.main) await run();
