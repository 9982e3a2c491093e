import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { sql } from 'kysely';
import { createTestContext } from '../../../test/context.ts';
import { createTestDatabase } from '../../../test/database.ts';
import { buildApp } from '../../app.ts';

const ctx = await createTestContext();

test('/api/ready answers 200 when the database answers and every migration has run', async () => {
  const response = await ctx.anonymous.get('/api/ready');
  assert.equal(response.status, 200);
  assert.deepEqual(response.body, { status: 'ready' });
});

test('/api/ready answers 503 problem+json when the database is gone, without naming it', async () => {
  const handle = await createTestDatabase();
  const app = await buildApp({ ...ctx.deps, db: handle.db });
  after(() => app.close());
  await handle.close();
  const response = await app.inject({ method: 'GET', url: '/api/ready' });
  assert.equal(response.statusCode, 503);
  assert.match(String(response.headers['content-type']), /application\/problem\+json/);
  assert.deepEqual(
    { code: response.json().code, detail: response.json().detail },
    { code: 'not_ready', detail: 'the database does not answer' },
  );
});

test('/api/ready answers 503 while a migration is missing', async () => {
  const handle = await createTestDatabase();
  after(() => handle.close());
  const app = await buildApp({ ...ctx.deps, db: handle.db });
  after(() => app.close());
  const last = await sql<{
    name: string;
  }>`SELECT name FROM kysely_migration ORDER BY name DESC LIMIT 1`.execute(handle.db);
  await sql`DELETE FROM kysely_migration WHERE name = ${last.rows[0]!.name}`.execute(handle.db);
  const response = await app.inject({ method: 'GET', url: '/api/ready' });
  assert.equal(response.statusCode, 503);
  assert.match(response.json().detail, new RegExp(`migrations not applied yet: ${last.rows[0]!.name}`));
});
