// A filtered keyset page of the task list against GET /api/tasks/:id, with EXPLAIN of the list's
// statements.
import { sql } from 'kysely';
import type { buildApp } from '../../src/app.ts';
import type { DatabaseHandle } from '../../src/db/client.ts';
import { issueApiToken } from '../../src/modules/users/session.ts';
import { cannon } from './load.ts';
import type { Server } from './server.ts';
import { cannonSeconds, concurrency, taskCount } from './settings.ts';
import { oneLine, type Recorder, type Statement } from './statements.ts';

export async function benchTaskList(
  server: Server,
  app: Awaited<ReturnType<typeof buildApp>>,
  recorder: Recorder,
  handle: DatabaseHandle,
  results: string[],
) {
  const started = performance.now();
  await sql`
    INSERT INTO tasks (type, status, title, team_id, assignee_id, due_at, customer_id, created_at, updated_at)
    SELECT 'callback',
           (ARRAY['not_started','in_progress','waiting','completed'])[1 + g % 4],
           'bench task ' || g, t.id, NULL, now() + (g % 500) * interval '1 minute', c.id,
           now() - g * interval '1 second', now()
    FROM generate_series(1, ${taskCount}) AS g
    CROSS JOIN LATERAL (SELECT id FROM teams ORDER BY id OFFSET g % 6 LIMIT 1) t
    CROSS JOIN LATERAL (SELECT id FROM customers ORDER BY id OFFSET g % 24 LIMIT 1) c
  `.execute(handle.db);
  await sql`ANALYZE tasks`.execute(handle.db);
  console.log(`${taskCount} tasks written in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const token = await issueApiToken(handle.db, 'lead.east@demo.test', 'bench tasks');
  const auth = { authorization: `Bearer ${token}` };
  await app.inject({ method: 'GET', url: '/api/me', headers: auth });
  // A cursor five pages deep, so the page is a real keyset continuation.
  const filter = 'status=not_started,in_progress&limit=50';
  let cursor = '';
  for (let page = 0; page < 5; page++) {
    const response = await fetch(`${server.url}/api/tasks?${filter}${cursor}`, { headers: auth });
    const body = (await response.json()) as { nextCursor: string | null; items: Array<{ id: string }> };
    cursor = `&cursor=${encodeURIComponent(body.nextCursor!)}`;
  }
  const listUrl = `/api/tasks?${filter}${cursor}`;
  recorder.statements = [];
  const listed = await app.inject({ method: 'GET', url: listUrl, headers: auth });
  const statements = recorder.statements;
  recorder.statements = null;
  const items = (listed.json() as { items: Array<{ id: string }> }).items;
  console.log(
    `GET ${listUrl.slice(0, 70)}… answers ${items.length} tasks with ${statements.length} statements`,
  );
  await explainStatements(handle, statements);

  const list = await cannon(`${server.url}${listUrl}`, concurrency, auth);
  const one = await cannon(`${server.url}/api/tasks/${items[0]!.id}`, concurrency, auth);
  console.log(`autocannon -c ${concurrency}, ${cannonSeconds} s each:`);
  console.log(
    `  keyset page (50 tasks):  ${list.perSecond.toFixed(0)} req/s, p99 ${list.p99} ms${list.failed ? ` (${list.failed} failed)` : ''}`,
  );
  console.log(
    `  GET /api/tasks/:id:      ${one.perSecond.toFixed(0)} req/s, p99 ${one.p99} ms${one.failed ? ` (${one.failed} failed)` : ''}`,
  );
  results.push(
    `task keyset page, 50 of ${taskCount} -c ${concurrency}: ${list.perSecond.toFixed(0)} req/s (ratio ${(list.perSecond / one.perSecond).toFixed(2)} of GET /api/tasks/:id ${one.perSecond.toFixed(0)} req/s; goal >= 0.2) p99 ${list.p99} ms`,
  );
}

/** EXPLAIN of each captured select on tasks, under the row-security settings the request used. */
async function explainStatements(handle: DatabaseHandle, statements: Statement[]) {
  const client = await handle.pool!.connect();
  try {
    await client.query('BEGIN');
    for (const s of statements) {
      if (/set_config\('role'/.test(s.text)) await client.query(s.text, s.values);
      if (!/^\s*select/i.test(s.text) || !/"tasks"/.test(s.text)) continue;
      const { rows } = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${s.text}`, s.values);
      const plan = rows.map((row) => row['QUERY PLAN']);
      const seqScan = plan.some((line) => /Seq Scan on tasks/.test(line));
      console.log(`EXPLAIN ${oneLine(s.text).slice(0, 90)}…`);
      for (const line of plan) console.log(`  | ${line}`);
      console.log(
        `  => ${seqScan ? 'SEQUENTIAL SCAN of tasks: the filter is not served by an index' : 'tasks read through an index'}`,
      );
    }
  } finally {
    await client.query('ROLLBACK');
    client.release();
  }
}
