// Where the time of GET /api/me goes, measured in a way a busy machine disturbs less than
// throughput: the server's own CPU time per request (utime + stime from /proc, over an autocannon
// run), the statements per request, and a V8 CPU profile of the same run summed by place (our
// files, each package, Node internals, garbage collection). Also the RSS after start-up and after
// the load. `node bench/profile-me.ts` (PostgreSQL from BENCH_PG_URL / TEST_PG_URL, as the other
// benchmarks); PROFILE_SECONDS (10), PROFILE_TOP (25) rows, PROFILE_PATH (/api/me), PROFILE_NODE_FLAGS
// (extra node flags for the server, e.g. `--max-semi-space-size=4`).
import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import autocannon from 'autocannon';
import { openPostgres } from '../src/db/client.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { seedDemo } from '../src/seed/seed-demo.ts';
import { issueApiToken } from '../src/modules/users/session.ts';
import { cleanUpRun, createBenchDatabase } from './database.ts';

const root = path.resolve(import.meta.dirname, '..');
const seconds = Number(process.env.PROFILE_SECONDS ?? 10);
const top = Number(process.env.PROFILE_TOP ?? 25);
const target = process.env.PROFILE_PATH ?? '/api/me';

type Spawned = { url: string; child: ChildProcess; folder: string };

async function spawnProfiled(script: string, env: Record<string, string>): Promise<Spawned> {
  const folder = mkdtempSync(path.join(tmpdir(), 'ed-profile-'));
  const logFile = path.join(folder, 'out.log');
  const out = openSync(logFile, 'w');
  const flags =
    script === 'src/main.ts' ? (process.env.PROFILE_NODE_FLAGS ?? '').split(' ').filter(Boolean) : [];
  const child = spawn(process.execPath, [...flags, '--cpu-prof', `--cpu-prof-dir=${folder}`, script], {
    cwd: root,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', NODE_ENV: 'development', ...env },
    stdio: ['ignore', out, out],
  });
  closeSync(out);
  for (let waited = 0; waited < 60_000; waited += 100) {
    const log = readFileSync(logFile, 'utf8');
    const match = /running at (http:\/\/[0-9.]+:\d+)/.exec(log) ?? /"url":"(http:\/\/[0-9.]+:\d+)"/.exec(log);
    if (match) return { url: match[1]!, child, folder };
    if (child.exitCode !== null) break;
    await delay(100);
  }
  child.kill('SIGKILL');
  throw new Error(`${script} did not start:\n${readFileSync(logFile, 'utf8').slice(-2000)}`);
}

/** CPU seconds (user + system) the process has used so far. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

function rssMb(pid: number): number {
  return Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;
}

async function measure(label: string, server: Spawned, url: string, headers: Record<string, string>) {
  const pid = server.child.pid!;
  await autocannon({ url, connections: 32, duration: 2, headers }); // warm-up
  const before = cpuSeconds(pid);
  const from = Number(process.hrtime.bigint() / 1000n);
  const result = await autocannon({ url, connections: 32, duration: seconds, headers });
  const cpu = cpuSeconds(pid) - before;
  const to = Number(process.hrtime.bigint() / 1000n);
  const failed = result.non2xx + result.errors + result.timeouts;
  const cpuPerRequest = (cpu * 1e6) / result.requests.total;
  console.log(
    `${label.padEnd(40)} ${result.requests.average.toFixed(0).padStart(6)} req/s, server CPU ${cpuPerRequest.toFixed(0)} µs per request${failed ? `, ${failed} FAILED` : ''}`,
  );
  return { label, from, to };
}

/** A measured run: its label and when it ran (µs of the monotonic clock V8's profiler uses too). */
type Window = { label: string; from: number; to: number };

type ProfileNode = { id: number; callFrame: { functionName: string; url: string }; children?: number[] };
type Profile = { nodes: ProfileNode[]; startTime: number; samples: number[]; timeDeltas: number[] };

/** Where a frame's code lives: a package, one of our files, Node itself, or V8's own states. */
function placeOf(frame: ProfileNode['callFrame']): string {
  const { url, functionName } = frame;
  if (!url) return `(${functionName || 'anonymous'})`.replace(/^\(\((.*)\)\)$/, '($1)');
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  if (url.startsWith('node:')) return `node:${url.slice(5).split('/')[0]}`;
  const ours = url.indexOf(`${root}/`);
  if (ours >= 0) return url.slice(ours + root.length + 1);
  return url;
}

function summarise(folder: string, window: Window) {
  const { label } = window;
  const file = readdirSync(folder).find((name) => name.endsWith('.cpuprofile'));
  if (!file) return console.log(`${label}: no CPU profile written`);
  const profile = JSON.parse(readFileSync(path.join(folder, file), 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  let at = profile.startTime;
  const self = new Map<string, number>();
  const selfFunction = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const node = byId.get(id)!;
    const micros = profile.timeDeltas[i] ?? 0;
    at += micros;
    if (at < window.from || at > window.to) return;
    const place = placeOf(node.callFrame);
    if (place === '(idle)') return;
    total += micros;
    self.set(place, (self.get(place) ?? 0) + micros);
    const fn = `${place} ${node.callFrame.functionName || '(anonymous)'}`;
    selfFunction.set(fn, (selfFunction.get(fn) ?? 0) + micros);
  });
  const show = (title: string, map: Map<string, number>) => {
    console.log(`${label}: ${title} (share of busy CPU time, idle left out)`);
    for (const [name, micros] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) {
      console.log(`  ${((100 * micros) / total).toFixed(1).padStart(5)} %  ${name}`);
    }
  };
  show('self time by place', self);
  show('self time by function', selfFunction);
}

async function stop(server: Spawned) {
  server.child.kill('SIGTERM');
  await Promise.race([new Promise((done) => server.child.once('exit', done)), delay(15_000)]);
}

async function main() {
  const database = await createBenchDatabase('profile');
  const spawned: Spawned[] = [];
  try {
    // Migrated and seeded here, so the profile holds the server's start-up, not the demo seed.
    const handle = await openPostgres(database.url, { max: 1 });
    await migrateToLatest(handle.db);
    await seedDemo(handle.db);
    const token = await issueApiToken(handle.db, 'lead.east@demo.test', 'profile');
    await handle.close();
    const server = await spawnProfiled('src/main.ts', { DATABASE_URL: database.url, LOG_LEVEL: 'warn' });
    spawned.push(server);
    await delay(2000);
    console.log(`server RSS 2 s after start: ${rssMb(server.child.pid!).toFixed(0)} MB`);
    const auth = { authorization: `Bearer ${token}` };
    const bare = await spawnProfiled('bench/bare-server.ts', {
      DATABASE_URL: database.url,
      BARE_SQL: 'select 1 as one where $1::text is not null',
      BARE_VALUES: JSON.stringify(['x'.repeat(43)]),
    });
    spawned.push(bare);
    console.log(`load average ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`);
    await measure('bare Fastify + pg, one select', bare, `${bare.url}/me`, auth);
    const health = await measure('/api/health without a token', server, `${server.url}/api/health`, {});
    const me = await measure(`${target} with a token`, server, `${server.url}${target}`, auth);
    console.log(`server RSS after the load: ${rssMb(server.child.pid!).toFixed(0)} MB`);
    console.log(`load average ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`);
    await stop(server);
    await stop(bare);
    summarise(server.folder, health);
    summarise(server.folder, me);
  } finally {
    for (const server of spawned) {
      if (server.child.exitCode === null) server.child.kill('SIGKILL');
      rmSync(server.folder, { recursive: true, force: true });
    }
    await database.drop();
    await cleanUpRun();
  }
}

await main();
