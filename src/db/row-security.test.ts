import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, test } from 'node:test';
import cookie from '@fastify/cookie';
import Fastify from 'fastify';
import { sql } from 'kysely';
import { createTestDatabase } from '../../test/database.ts';
import { type Actor, findActorByEmail, registerAuthentication } from '../http/auth.ts';
import { hashToken } from '../lib/tokens.ts';
import type { Db } from './client.ts';
import { tablesUnderRowSecurity } from './migrations/0009_row_security.ts';
import { asSystem, rowSecurityStats, runAsActor } from './row-security.ts';

// The second wall on its own: queries with no first-wall filter at all, made as different people,
// see only what docs/walls.md gives them. Fixture rows are written as the owner (system context).

const handle = await createTestDatabase();
after(() => handle.close());
const db = handle.db;

const idOf = async (table: 'sites' | 'teams', column: 'slug' | 'name', value: string) =>
  // biome-ignore lint/suspicious/noExplicitAny: two lookup tables with one shape
  (await (db as any).selectFrom(table).select('id').where(column, '=', value).executeTakeFirstOrThrow())
    .id as string;
const actorOf = async (email: string): Promise<Actor> => {
  const actor = await findActorByEmail(db, email);
  assert.ok(actor, email);
  return actor;
};

const east = await idOf('sites', 'slug', 'east');
const west = await idOf('sites', 'slug', 'west');
const bpo = await idOf('teams', 'name', 'Acme BPO');
const captive = await idOf('teams', 'name', 'In-house Callbacks');
const agentWest = await actorOf('agent.west@demo.test');
const agentEast = await actorOf('agent.east@demo.test');
const cbBpo = await actorOf('cb.bpo@demo.test');
const supervisor = await actorOf('supervisor.east@demo.test');
const tier3 = await actorOf('tier3@demo.test');

const jobs = await db.selectFrom('jobs').select(['id', 'customer_id']).orderBy('number').limit(5).execute();
const [j1, j2, j3, j4] = jobs;
const comment = await db
  .selectFrom('exception_comments as c')
  .innerJoin('exception_types as t', 't.id', 'c.exception_type_id')
  .select(['c.id', 't.id as typeId'])
  .where('t.code', '=', 'call_back')
  .executeTakeFirstOrThrow();

const ids = {
  e1: randomUUID(), // west, raised by agent.west
  e2: randomUUID(), // east, raised by agent.east, worked by the BPO
  e3: randomUUID(), // east, raised by agent.west
  a1: randomUUID(),
  a2: randomUUID(),
  a3: randomUUID(),
  x1: randomUUID(),
  x2: randomUUID(),
  t1: randomUUID(), // BPO: job 2, its escalation, appointment, exception
  t2: randomUUID(), // in-house: job 1, created by agent.west
  t3: randomUUID(), // BPO: job 4 only
  tr1: randomUUID(),
  tr2: randomUUID(),
  p2: randomUUID(),
};
const now = new Date('2026-11-26T15:00:00Z');
const later = new Date('2026-11-26T16:00:00Z');
await db.transaction().execute(async (tx) => {
  await tx
    .insertInto('escalations')
    .values([
      {
        id: ids.e1,
        job_id: j1.id,
        customer_id: j1.customer_id,
        site_id: west,
        raised_by: agentWest.id,
        summary: 'e1',
      },
      {
        id: ids.e2,
        job_id: j2.id,
        customer_id: j2.customer_id,
        site_id: east,
        raised_by: agentEast.id,
        summary: 'e2',
      },
      {
        id: ids.e3,
        job_id: j3.id,
        customer_id: j3.customer_id,
        site_id: east,
        raised_by: agentWest.id,
        summary: 'e3',
      },
    ])
    .execute();
  const appointment = (id: string, site: string, escalation: string, customer: string) => ({
    id,
    site_id: site,
    escalation_id: escalation,
    customer_id: customer,
    starts_at: now,
    ends_at: later,
    customer_time_zone: 'America/New_York',
  });
  await tx
    .insertInto('appointments')
    .values([
      appointment(ids.a1, west, ids.e1, j1.customer_id),
      appointment(ids.a2, east, ids.e2, j2.customer_id),
      appointment(ids.a3, east, ids.e3, j3.customer_id),
    ])
    .execute();
  const exception = (id: string, job: string, escalation: string, by: string) => ({
    id,
    job_id: job,
    type_id: comment.typeId,
    comment_id: comment.id,
    escalation_id: escalation,
    created_by: by,
  });
  await tx
    .insertInto('exceptions')
    .values([exception(ids.x1, j1.id, ids.e1, agentWest.id), exception(ids.x2, j2.id, ids.e2, agentEast.id)])
    .execute();
  await tx
    .insertInto('tasks')
    .values([
      {
        id: ids.t1,
        type: 'callback',
        title: 't1',
        team_id: bpo,
        job_id: j2.id,
        customer_id: j2.customer_id,
        escalation_id: ids.e2,
        appointment_id: ids.a2,
        exception_id: ids.x2,
        created_by: agentEast.id,
      },
      {
        id: ids.t2,
        type: 'callback',
        title: 't2',
        team_id: captive,
        job_id: j1.id,
        customer_id: j1.customer_id,
        escalation_id: ids.e1,
        appointment_id: ids.a1,
        exception_id: ids.x1,
        created_by: agentWest.id,
      },
      { id: ids.t3, type: 'callback', title: 't3', team_id: bpo, job_id: j4.id, created_by: supervisor.id },
    ])
    .execute();
  const transfer = (id: string, escalation: string, site: string, agent: string) => ({
    id,
    escalation_id: escalation,
    site_id: site,
    agent_id: agent,
    enqueued_at: now,
    threshold_seconds: 180,
  });
  await tx
    .insertInto('transfer_requests')
    .values([transfer(ids.tr1, ids.e1, west, agentWest.id), transfer(ids.tr2, ids.e2, east, agentEast.id)])
    .execute();
  await tx
    .insertInto('callback_permissions')
    .values({
      id: ids.p2,
      escalation_id: ids.e2,
      site_id: east,
      requested_by: agentEast.id,
      requested_at: now,
      supervisor_id: supervisor.id,
    })
    .execute();
  await tx
    .insertInto('call_attempts')
    .values([
      { task_id: ids.t1, at: now, by_user_id: cbBpo.id, outcome: 'no_answer' },
      { task_id: ids.t2, at: now, by_user_id: supervisor.id, outcome: 'connected' },
    ])
    .execute();
});

/** Every readable table under row security, read with no where clause at all. */
async function everything(d: Db) {
  const idsIn = async (
    table: 'tasks' | 'escalations' | 'appointments' | 'exceptions' | 'transfer_requests',
  ) => (await d.selectFrom(table).select('id').execute()).map((r) => r.id).sort();
  return {
    tasks: await idsIn('tasks'),
    escalations: await idsIn('escalations'),
    appointments: await idsIn('appointments'),
    exceptions: await idsIn('exceptions'),
    transfers: await idsIn('transfer_requests'),
    permissions: (await d.selectFrom('callback_permissions').select('id').execute()).map((r) => r.id),
    attempts: (await d.selectFrom('call_attempts').select('task_id').execute()).map((r) => r.task_id).sort(),
    jobs: (await d.selectFrom('jobs').select('id').execute()).map((r) => r.id).sort(),
    customers: (await d.selectFrom('customers').select('id').execute()).map((r) => r.id).sort(),
    noteJobs: [
      ...new Set((await d.selectFrom('job_notes').select('job_id').execute()).map((r) => r.job_id)),
    ].sort(),
    partJobs: [
      ...new Set((await d.selectFrom('job_parts').select('job_id').execute()).map((r) => r.job_id)),
    ].sort(),
  };
}

const sorted = (...values: string[]) => [...new Set(values)].sort();
const all = await everything(db);

test('the owner (system work) reaches every row', () => {
  assert.equal(all.tasks.length, 3);
  assert.equal(all.escalations.length, 3);
  assert.ok(all.jobs.length > 20);
  assert.ok(all.customers.length > 20);
});

test('a BPO callback worker reaches only their team’s tasks and what those tasks lead to', async () => {
  const seen = await runAsActor(cbBpo, () => everything(db));
  assert.deepEqual(seen.tasks, sorted(ids.t1, ids.t3));
  assert.deepEqual(seen.jobs, sorted(j2.id, j4.id));
  assert.deepEqual(seen.customers, sorted(j2.customer_id, j4.customer_id));
  assert.deepEqual(seen.noteJobs, sorted(j2.id, j4.id));
  assert.deepEqual(seen.partJobs, sorted(j2.id, j4.id));
  assert.deepEqual(seen.escalations, [ids.e2]);
  assert.deepEqual(seen.appointments, [ids.a2]);
  assert.deepEqual(seen.exceptions, [ids.x2]);
  assert.deepEqual(seen.transfers, [ids.tr2]);
  assert.deepEqual(seen.permissions, []);
  assert.deepEqual(seen.attempts, [ids.t1]);
});

test('an agent reaches their site’s and their own escalations, and every job and customer', async () => {
  const seen = await runAsActor(agentWest, () => everything(db));
  assert.deepEqual(seen.escalations, sorted(ids.e1, ids.e3));
  assert.deepEqual(seen.appointments, sorted(ids.a1, ids.a3));
  assert.deepEqual(seen.tasks, [ids.t2]);
  assert.deepEqual(seen.attempts, [ids.t2]);
  assert.deepEqual(seen.transfers, [ids.tr1]);
  assert.deepEqual(seen.permissions, []);
  assert.deepEqual(seen.exceptions, all.exceptions);
  assert.deepEqual(seen.jobs, all.jobs);
  assert.deepEqual(seen.customers, all.customers);
  assert.deepEqual(seen.noteJobs, all.noteJobs);
  const eastSeen = await runAsActor(agentEast, () => everything(db));
  assert.deepEqual(eastSeen.escalations, sorted(ids.e2, ids.e3));
  assert.deepEqual(eastSeen.permissions, [ids.p2]);
});

test('an overseer reaches everything; a worker of another team, none of it', async () => {
  assert.deepEqual(await runAsActor(supervisor, () => everything(db)), all);
  const seen = await runAsActor(tier3, () => everything(db));
  assert.deepEqual(seen.tasks, []);
  assert.deepEqual(seen.jobs, []);
  assert.deepEqual(seen.customers, []);
  assert.deepEqual(seen.escalations, []);
});

test('changes need the same reach as reads', async () => {
  const updated = await runAsActor(cbBpo, () =>
    db
      .updateTable('tasks')
      .set({ title: 'changed' })
      .where('id', 'in', [ids.t1, ids.t2])
      .returning('id')
      .execute(),
  );
  assert.deepEqual(
    updated.map((r) => r.id),
    [ids.t1],
  );
  const deleted = await runAsActor(agentWest, () =>
    db.deleteFrom('call_attempts').where('task_id', '=', ids.t1).executeTakeFirst(),
  );
  assert.equal(deleted.numDeletedRows, 0n);
});

test('the app role with no actor setting reaches nothing', async () => {
  const counts = await db.transaction().execute(async (tx) => {
    await sql`select set_config('role', 'escalation_app', true), set_config('app.user_id', '', true),
      set_config('app.role', '', true), set_config('app.site_id', '', true), set_config('app.team_id', '', true)`.execute(
      tx,
    );
    return everything(tx);
  });
  for (const [table, rows] of Object.entries(counts)) assert.deepEqual(rows, [], table);
});

test('two people’s interleaved queries and transactions each keep their own settings', async () => {
  const people = [cbBpo, agentWest, supervisor, cbBpo, agentWest, supervisor];
  const expected = new Map([
    [cbBpo.id, sorted(ids.t1, ids.t3)],
    [agentWest.id, [ids.t2]],
    [supervisor.id, all.tasks],
  ]);
  const taskIds = async (d: Db) =>
    (await d.selectFrom('tasks').select('id').execute()).map((r) => r.id).sort();
  const rounds = await Promise.all(
    Array.from({ length: 30 }, (_, i) => {
      const person = people[i % people.length];
      return runAsActor(person, async () => {
        const plain = await taskIds(db);
        const inside = await db.transaction().execute(async (tx) => {
          const first = await taskIds(tx);
          await new Promise((resolve) => setImmediate(resolve)); // let the others run meanwhile
          const second = await taskIds(tx);
          const who = await sql<{ who: string }>`select current_setting('app.user_id') as who`.execute(tx);
          return { first, second, who: who.rows[0].who };
        });
        return { person, plain, ...inside };
      });
    }),
  );
  for (const round of rounds) {
    const want = expected.get(round.person.id);
    assert.deepEqual(round.plain, want);
    assert.deepEqual(round.first, want);
    assert.deepEqual(round.second, want);
    assert.equal(round.who, round.person.id);
  }
  assert.deepEqual(await taskIds(db), all.tasks, 'system work after them reaches everything again');
});

test('asSystem reaches everything inside a person’s work, in and out of a transaction, then goes back', async () => {
  await runAsActor(cbBpo, async () => {
    assert.equal((await asSystem(db, (d) => d.selectFrom('tasks').select('id').execute())).length, 3);
    assert.equal((await db.selectFrom('tasks').select('id').execute()).length, 2);
    await db.transaction().execute(async (tx) => {
      assert.equal((await tx.selectFrom('tasks').select('id').execute()).length, 2);
      assert.equal((await asSystem(tx, (d) => d.selectFrom('tasks').select('id').execute())).length, 3);
      assert.equal((await tx.selectFrom('tasks').select('id').execute()).length, 2);
    });
  });
});

test('a request runs its handler with the signed-in person’s reach, body or not; other requests as the owner', async () => {
  const app = Fastify();
  await app.register(cookie);
  registerAuthentication(app, db, () => now);
  const taskCount = async () => (await db.selectFrom('tasks').select('id').execute()).length;
  app.get('/probe', async () => ({ tasks: await taskCount() }));
  app.post('/probe', async () => ({ tasks: await taskCount() }));
  await app.ready();
  after(() => app.close());
  const tokens = new Map<string, string>();
  for (const actor of [cbBpo, agentWest]) {
    const token = `probe-${actor.id}`;
    await db
      .insertInto('api_tokens')
      .values({ user_id: actor.id, name: 'probe', token_hash: hashToken(token) })
      .execute();
    tokens.set(actor.id, token);
  }
  const ask = async (method: 'GET' | 'POST', actor?: Actor) => {
    const response = await app.inject({
      method,
      url: '/probe',
      headers: actor ? { authorization: `Bearer ${tokens.get(actor.id)}` } : {},
      ...(method === 'POST' ? { payload: { some: 'body'.repeat(5000) } } : {}),
    });
    return response.json().tasks as number;
  };
  const before = rowSecurityStats.switches;
  const answers = await Promise.all([
    ask('GET', cbBpo),
    ask('POST', cbBpo),
    ask('GET', agentWest),
    ask('POST', agentWest),
    ask('GET'),
    ask('POST'),
  ]);
  assert.deepEqual(answers, [2, 2, 1, 1, 3, 3]);
  assert.ok(rowSecurityStats.switches > before);

  // The cost: the sign-in lookup takes a connection as it is, so one person's requests in a row
  // switch their connection once at most, then not at all.
  const settled = rowSecurityStats.switches;
  for (let i = 0; i < 5; i++) assert.equal(await ask('GET', cbBpo), 2);
  assert.ok(rowSecurityStats.switches - settled <= 1, `${rowSecurityStats.switches - settled} switches`);
});

test('what a person raises stays in their reach whatever their role, so they can read back what they wrote', async () => {
  const tier2 = await actorOf('tier2@demo.test');
  const rollback = new Error('rollback');
  await assert.rejects(
    runAsActor(tier2, () =>
      db.transaction().execute(async (tx) => {
        const row = await tx
          .insertInto('escalations')
          .values({
            job_id: j1.id,
            customer_id: j1.customer_id,
            site_id: west,
            raised_by: tier2.id,
            summary: 't2',
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        assert.deepEqual(
          (await tx.selectFrom('escalations').select('id').execute()).map((r) => r.id),
          [row.id],
        );
        throw rollback;
      }),
    ),
    rollback,
  );
});

test('the app role may use every table and sequence, later migrations’ too; the tables under row security force it', async () => {
  // A table a later migration makes (as the same owner) is granted by default privileges.
  await sql`CREATE TABLE row_security_later (id bigserial PRIMARY KEY)`.execute(db);
  after(() => sql`DROP TABLE IF EXISTS row_security_later`.execute(db));
  const missing = await sql<{ name: string }>`
    SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'S') AND c.relname NOT LIKE 'kysely_migration%'
      AND NOT CASE c.relkind WHEN 'S' THEN has_sequence_privilege('escalation_app', c.oid, 'USAGE')
        ELSE has_table_privilege('escalation_app', c.oid, 'SELECT') AND has_table_privilege('escalation_app', c.oid, 'INSERT')
          AND has_table_privilege('escalation_app', c.oid, 'UPDATE') AND has_table_privilege('escalation_app', c.oid, 'DELETE') END`.execute(
    db,
  );
  assert.deepEqual(missing.rows, []);
  const later = await runAsActor(cbBpo, () =>
    db.transaction().execute(async (tx) => {
      // biome-ignore lint/suspicious/noExplicitAny: a table made by this test only
      await (tx as any).insertInto('row_security_later').defaultValues().execute();
      // biome-ignore lint/suspicious/noExplicitAny: a table made by this test only
      return (tx as any).selectFrom('row_security_later').select('id').execute();
    }),
  );
  assert.equal(later.length, 1);
  const forced = await sql<{ name: string }>`
    SELECT relname AS name FROM pg_class WHERE relforcerowsecurity AND relrowsecurity ORDER BY relname`.execute(
    db,
  );
  assert.deepEqual(
    forced.rows.map((r) => r.name),
    // notifications: migration 0025 (each person's own).
    [...tablesUnderRowSecurity, 'notifications'].sort(),
  );
});
