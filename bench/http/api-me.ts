// GET /api/me with an API token at -c 32 (autocannon) against bare Fastify serving the same token
// select (bench/bare-server.ts), with variants that show where the rest of the time goes; runs on
// the server and database of booking-postgres.ts.
import { setTimeout as delay } from 'node:timers/promises';
import type { buildApp } from '../../src/app.ts';
import type { DatabaseHandle } from '../../src/db/client.ts';
import { issueApiToken } from '../../src/modules/users/session.ts';
import { cannon } from './load.ts';
import { type Server, spawnBareServer, spawnServer } from './server.ts';
import { cannonSeconds, semiSpaceMb } from './settings.ts';
import { oneLine, type Recorder } from './statements.ts';

export async function benchMe(
  server: Server,
  app: Awaited<ReturnType<typeof buildApp>>,
  recorder: Recorder,
  databaseUrl: string,
  handle: DatabaseHandle,
  results: string[],
) {
  const token = await issueApiToken(handle.db, 'lead.east@demo.test', 'bench me');
  const auth = { authorization: `Bearer ${token}` };
  await app.inject({ method: 'GET', url: '/api/me', headers: auth }); // writes the token's last use
  const capture = async (url: string, headers: Record<string, string>) => {
    recorder.statements = [];
    await app.inject({ method: 'GET', url, headers });
    const statements = recorder.statements;
    recorder.statements = null;
    return statements;
  };
  const me = await capture('/api/me', auth);
  const healthWithToken = await capture('/api/health', auth);
  console.log(`GET /api/me sends ${me.length} statements:`);
  for (const s of me) console.log(`  ${oneLine(s.text).slice(0, 110)}`);
  console.log(`GET /api/health with a token sends ${healthWithToken.length}`);
  const lookup = me.find((s) => s.text.includes('api_tokens'));
  if (!lookup) throw new Error('no token look-up among the statements of /api/me');
  const bare = await spawnBareServer(databaseUrl, lookup);
  // The same app logging warnings only (main logs every request at info by default).
  const quiet = await spawnServer(databaseUrl, { LOG_LEVEL: 'warn' });
  // The same app with V8's young generation capped: most of the idle RSS over the imported code is
  // the young generation V8 grew while starting (up to 64 MB here), kept after start-up.
  const smallYoung = await spawnServer(databaseUrl, { NODE_OPTIONS: `--max-semi-space-size=${semiSpaceMb}` });
  try {
    await delay(2000);
    const smallYoungIdleMb = smallYoung.rssMb();
    console.log(`RSS idle: bare Fastify + pg + Kysely ${bare.rssMb().toFixed(0)} MB`);
    console.log(
      `RSS idle 2 s after start with --max-semi-space-size=${semiSpaceMb}: ${smallYoungIdleMb.toFixed(0)} MB`,
    );
    const c = 32;
    const variants: Array<[string, string, Record<string, string>]> = [
      ['bare Fastify + pg, same token select', `${bare.url}/me`, auth],
      ['bare Fastify + Kysely built per request', `${bare.url}/me-kysely`, auth],
      ['bare Fastify, no database', `${bare.url}/hello`, {}],
      ['bare Fastify + helmet, no database', `${bare.helmetUrl}/hello`, {}],
      ['/api/health without a token', `${server.url}/api/health`, {}],
      ['/api/health with a token', `${server.url}/api/health`, auth],
      ['/api/me with a token', `${server.url}/api/me`, auth],
      ['/api/me with a token, LOG_LEVEL=warn', `${quiet.url}/api/me`, auth],
      [`/api/me with a token, --max-semi-space-size=${semiSpaceMb}`, `${smallYoung.url}/api/me`, auth],
    ];
    const measured = new Map<string, number>();
    // Two rounds through every variant, the better of each kept: a burst of load from elsewhere on
    // this shared machine then spoils one round of one variant, not the comparison.
    console.log(`autocannon -c ${c}, ${cannonSeconds} s each, best of 2 rounds:`);
    const best = new Map<string, Awaited<ReturnType<typeof cannon>>>();
    for (let round = 0; round < 2; round++) {
      for (const [label, url, headers] of variants) {
        const result = await cannon(url, c, headers);
        const previous = best.get(label);
        if (!previous || result.perSecond > previous.perSecond) best.set(label, result);
      }
    }
    for (const [label, result] of best) {
      measured.set(label, result.perSecond);
      const failed = result.failed ? ` (${result.failed} failed)` : '';
      console.log(
        `  ${label.padEnd(44)} ${result.perSecond.toFixed(0)} req/s, p99 ${result.p99} ms${failed}`,
      );
    }
    const baseline = measured.get(variants[0]![0])!;
    const ours = measured.get('/api/me with a token')!;
    results.push(
      `GET /api/me -c 32: ${ours.toFixed(0)} req/s (ratio ${(ours / baseline).toFixed(2)} of bare Fastify + pg ${baseline.toFixed(0)} req/s; goal >= 0.5)`,
    );
    const small = measured.get(variants.at(-1)![0])!;
    results.push(
      `server with --max-semi-space-size=${semiSpaceMb}: idle RSS ${smallYoungIdleMb.toFixed(0)} MB after start, ${smallYoung.rssMb().toFixed(0)} MB after its /api/me load; GET /api/me ${small.toFixed(0)} req/s (ratio ${(small / baseline).toFixed(2)})`,
    );
    // Time per request (µs at this concurrency) says where the rest goes.
    const perRequest = (label: string) => 1e6 / measured.get(label)!;
    const line = (label: string, from: string, to: string) =>
      `  ${label}: ${(perRequest(to) - perRequest(from)).toFixed(0)} µs per request`;
    console.log('where the time of /api/me goes (difference of µs per request between variants):');
    console.log(
      `  HTTP + bare Fastify, no database: ${perRequest('bare Fastify, no database').toFixed(0)} µs per request`,
    );
    console.log(
      line(
        'one pg select in bare Fastify',
        'bare Fastify, no database',
        'bare Fastify + pg, same token select',
      ),
    );
    console.log(
      line(
        'Kysely building the select',
        'bare Fastify + pg, same token select',
        'bare Fastify + Kysely built per request',
      ),
    );
    console.log(line('helmet headers', 'bare Fastify, no database', 'bare Fastify + helmet, no database'));
    console.log(
      line(
        'our app without a token (hooks, Kysely, SELECT 1)',
        'bare Fastify + pg, same token select',
        '/api/health without a token',
      ),
    );
    console.log(
      line('the token look-up (auth hook)', '/api/health without a token', '/api/health with a token'),
    );
    console.log(
      line(
        'the /api/me handler (answers from the profile the auth step read)',
        '/api/health with a token',
        '/api/me with a token',
      ),
    );
  } finally {
    await bare.stop();
    await quiet.stop();
    await smallYoung.stop();
  }
}
