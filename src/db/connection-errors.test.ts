import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import Fastify from 'fastify';
import { sql } from 'kysely';
import { createTestDatabase } from '../../test/database.ts';
import { handleError } from '../http/problem.ts';
import { listenForNotifications } from '../jobs/wake.ts';
import { isDatabaseUnavailable } from './connection-errors.ts';

const isPostgres = process.env.TEST_ENGINE === 'postgres';
const withCode = (code: string, message = 'boom') => Object.assign(new Error(message), { code });

test('lost and refused connections are told apart from faults of the request', () => {
  const unavailable = [
    withCode('57P01', 'terminating connection due to administrator command'),
    withCode('57P03', 'the database system is starting up'),
    withCode('08006'),
    withCode('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432'),
    new Error('Connection terminated unexpectedly'),
    new Error('Client has encountered a connection error and is not queryable'),
    new Error('Postgres connection has been discarded'),
    new Error('timeout exceeded when trying to connect'),
    new Error('pool', { cause: withCode('ECONNRESET') }),
  ];
  for (const error of unavailable) assert.equal(isDatabaseUnavailable(error), true, error.message);
  const faults = [
    withCode('23505', 'duplicate key value'),
    withCode('22P02'),
    new Error('something else'),
    'Connection terminated',
    undefined,
  ];
  for (const error of faults) assert.equal(isDatabaseUnavailable(error), false, String(error));
});

test('a lost connection answers 503 problem+json with Retry-After; other errors stay 500', async () => {
  const app = Fastify();
  app.setErrorHandler(handleError);
  app.get('/lost', async () => {
    throw withCode('57P01', 'terminating connection due to administrator command');
  });
  app.get('/bug', async () => {
    throw new Error('a bug');
  });
  const lost = await app.inject({ method: 'GET', url: '/lost' });
  assert.equal(lost.statusCode, 503);
  assert.match(String(lost.headers['content-type']), /^application\/problem\+json/);
  assert.equal(lost.headers['retry-after'], '1');
  assert.equal(lost.json().code, 'database_unavailable');
  assert.doesNotMatch(lost.body, /administrator command/, 'the database message is not leaked');
  const bug = await app.inject({ method: 'GET', url: '/bug' });
  assert.equal(bug.statusCode, 500);
  await app.close();
});

test('a backend terminated under a checked-out client fails its query, not the process', {
  skip: !isPostgres && 'PostgreSQL only: PGlite has no connections to drop',
}, async () => {
  const handle = await createTestDatabase();
  try {
    const failure = await handle.db
      .transaction()
      .execute(async (tx) => {
        const { rows } = await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(tx);
        await handle.pool!.query('SELECT pg_terminate_backend($1)', [rows[0].pid]);
        await delay(100); // the 'error' arrives on the idle, checked-out client
        await sql`SELECT 1`.execute(tx);
      })
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    assert.ok(failure, 'the transaction failed');
    assert.equal(isDatabaseUnavailable(failure), true, String(failure));
    const { rows } = await sql<{ one: number }>`SELECT 1 AS one`.execute(handle.db);
    assert.equal(rows[0].one, 1, 'the pool serves again');
  } finally {
    await handle.close();
  }
});

test('LISTEN comes back by itself after its connection is terminated', {
  skip: !isPostgres && 'PostgreSQL only: PGlite listens in process',
}, async () => {
  const handle = await createTestDatabase();
  const heard: string[] = [];
  const stop = await listenForNotifications(handle, 'ed_fault_probe', (payload) => heard.push(payload));
  try {
    const waitFor = async (check: () => boolean) => {
      for (let i = 0; i < 100 && !check(); i++) await delay(100);
      return check();
    };
    await handle.pool!.query(`SELECT pg_notify('ed_fault_probe', 'before')`);
    assert.ok(await waitFor(() => heard.includes('before')));
    heard.length = 0;
    const { rows } = await handle.pool!.query<{ count: number }>(
      `SELECT count(*) FILTER (WHERE pg_terminate_backend(pid))::int AS count FROM pg_stat_activity
       WHERE datname = current_database() AND query ILIKE 'LISTEN%' AND pid <> pg_backend_pid()`,
    );
    assert.equal(rows[0].count, 1, 'the LISTEN connection was terminated');
    assert.ok(await waitFor(() => heard.includes('')), 'listening again, with a call to catch up');
    await handle.pool!.query(`SELECT pg_notify('ed_fault_probe', 'after')`);
    assert.ok(await waitFor(() => heard.includes('after')), 'notifications arrive again');
  } finally {
    await stop();
    await handle.close();
  }
});
