// The floor for GET /api/me in bench/http.ts: bare Fastify (no plugins, no hooks) answering the
// same token select through a `pg` pool, plus /hello with no database at all. Prints its URL.
//   DATABASE_URL, BARE_SQL (the statement) and BARE_VALUES (its parameters as JSON).
import { createHash } from 'node:crypto';
import Fastify from 'fastify';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const text = process.env.BARE_SQL!;
const values = JSON.parse(process.env.BARE_VALUES!) as unknown[];

const app = Fastify();
app.get('/me', async (request, reply) => {
  const header = request.headers.authorization ?? '';
  // Hashed like ours; the captured parameters already hold this token's hash.
  createHash('sha256').update(header.slice(7)).digest('base64url');
  const { rows } = await pool.query(text, values);
  if (!rows.length) return reply.status(401).send({ error: 'unknown token' });
  return rows[0];
});
app.get('/hello', async () => ({ status: 'ok' }));

const url = await app.listen({ port: 0, host: '127.0.0.1' });
console.log(url);
process.once('SIGTERM', () => {
  void app.close().then(() => pool.end().then(() => process.exit(0)));
});
