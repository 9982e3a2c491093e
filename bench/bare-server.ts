// The floor for GET /api/me in bench/http/api-me.ts: bare Fastify (no plugins, no hooks) answering the
// same token select through a `pg` pool; the same select built by Kysely on each request; /hello
// with no database at all; and /hello again on a second instance with @fastify/helmet registered.
// Prints its two base URLs as JSON. Env: DATABASE_URL, BARE_SQL (the statement) and BARE_VALUES
// (its parameters as JSON).
import { createHash } from 'node:crypto';
import helmet from '@fastify/helmet';
import Fastify from 'fastify';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from '../src/db/schema.ts';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
const text = process.env.BARE_SQL!;
const values = JSON.parse(process.env.BARE_VALUES!) as unknown[];
const tokenHash = values.find((value) => typeof value === 'string' && value.length === 43) as string;

function hashOf(header: string | undefined): string {
  // Hashed like ours; the captured parameters already hold this token's hash.
  return createHash('sha256')
    .update((header ?? '').slice(7))
    .digest('base64url');
}

const app = Fastify();
app.get('/me', async (request, reply) => {
  hashOf(request.headers.authorization);
  const { rows } = await pool.query(text, values);
  if (!rows.length) return reply.status(401).send({ error: 'unknown token' });
  return rows[0];
});
// A select of the same shape as the app's token look-up, built by Kysely on every request.
app.get('/me-kysely', async (request, reply) => {
  hashOf(request.headers.authorization);
  const row = await db
    .selectFrom('users as u')
    .leftJoin('sites as s', 's.id', 'u.site_id')
    .leftJoin('teams as t', 't.id', 'u.team_id')
    .innerJoin('api_tokens as x', 'x.user_id', 'u.id')
    .select(['u.id', 'u.name', 'u.email', 'u.role', 'u.site_id as siteId', 's.slug as siteSlug'])
    .select(['u.team_id as teamId', 't.kind as teamKind', 'u.supervisor_id as supervisorId'])
    .select(['x.id as tokenId', 'x.last_used_at as tokenLastUsedAt'])
    .where('u.is_active', '=', true)
    .where('x.token_hash', '=', tokenHash)
    .where('x.revoked_at', 'is', null)
    .executeTakeFirst();
  if (!row) return reply.status(401).send({ error: 'unknown token' });
  return row;
});
app.get('/hello', async () => ({ status: 'ok' }));

const withHelmet = Fastify();
await withHelmet.register(helmet);
withHelmet.get('/hello', async () => ({ status: 'ok' }));

const url = await app.listen({ port: 0, host: '127.0.0.1' });
const helmetUrl = await withHelmet.listen({ port: 0, host: '127.0.0.1' });
console.log(JSON.stringify({ url, helmetUrl }));
process.once('SIGTERM', () => {
  void Promise.all([app.close(), withHelmet.close()]).then(() => db.destroy().then(() => process.exit(0)));
});
