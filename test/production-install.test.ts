import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import pg from 'pg';
import { freePort, startServerProcess } from './server-process.ts';

// The README's production path on a fresh folder: the committed HEAD (`git archive`, so what is
// tested is what was committed), `npm ci --omit=dev`, web/dist from the build step, a fresh
// PostgreSQL database, `npm run create-admin`, `NODE_ENV=production npm start`, a sign-in.
//
// web/dist is built here in the checkout (which has the dev dependencies) and copied in, as the
// container image's build stage does for its runtime stage: the production install must then
// start with no Vite, no TypeScript and no dev dependency at all, which is the point of the test.

const isPostgres = process.env.TEST_ENGINE === 'postgres';
const root = path.resolve(import.meta.dirname, '..');
const hasGit = (() => {
  try {
    execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
const baseUrl = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const cleanups: Array<() => Promise<void> | void> = [];
after(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

/** The environment of a fresh shell: no npm_* variables and no node_modules/.bin of the checkout. */
function freshEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('npm_') && !key.startsWith('TEST_') && key !== 'NODE_OPTIONS') env[key] = value;
  }
  env.PATH = (process.env.PATH ?? '')
    .split(path.delimiter)
    .filter((dir) => !dir.includes('node_modules'))
    .join(path.delimiter);
  return { ...env, ...extra };
}

/** Runs a command to its end (bounded); rejects with its output when it fails. */
async function run(
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; input?: string },
) {
  const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr.on('data', (chunk) => {
    output += chunk;
  });
  child.stdin.end(options.input ?? '');
  const timer = setTimeout(() => child.kill('SIGKILL'), 240_000);
  const [code] = await once(child, 'exit');
  clearTimeout(timer);
  if (code !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${code}:\n${output}`);
  return output;
}

async function createDatabase(): Promise<string> {
  const name = `ed_prod_${process.pid}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  cleanups.push(async () => {
    const dropper = new pg.Client({ connectionString: baseUrl });
    await dropper.connect();
    await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await dropper.end();
  });
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** `npm start` in its own process group, so the whole tree (npm, sh, node) can be stopped. */
async function startServer(cwd: string, env: NodeJS.ProcessEnv) {
  const server = await startServerProcess({
    command: 'npm',
    args: ['start'],
    cwd,
    env,
    port: Number(env.PORT),
    detached: true,
    startTimeoutMs: 60_000,
  });
  cleanups.push(() => server.stop(5_000));
  return server;
}

test('a production install from the committed HEAD starts, takes its first admin and signs in', {
  skip:
    (!isPostgres && 'production runs on PostgreSQL; runs in the PostgreSQL pass') ||
    (!hasGit && 'needs a git checkout (it installs the committed HEAD)'),
  timeout: 420_000,
}, async (t) => {
  const began = Date.now();
  const folder = mkdtempSync(path.join(tmpdir(), 'ed-production-'));
  cleanups.push(() => rmSync(folder, { recursive: true, force: true }));
  execFileSync('sh', ['-c', `git archive HEAD | tar -x -C "${folder}"`], { cwd: root });

  execFileSync(process.execPath, ['scripts/build-web.ts', '--if-stale'], { cwd: root, stdio: 'ignore' });
  cpSync(path.join(root, 'web', 'dist'), path.join(folder, 'web', 'dist'), { recursive: true });

  const production = freshEnv({ NODE_ENV: 'production' });
  const installed = Date.now();
  const install = await run('npm', ['ci', '--omit=dev', '--prefer-offline', '--no-audit', '--no-fund'], {
    cwd: folder,
    env: production,
  });
  const installMs = Date.now() - installed;
  assert.ok(!existsSync(path.join(folder, 'node_modules', 'vite')), 'no dev dependency installed');
  assert.ok(existsSync(path.join(folder, 'node_modules', '.bin', 'node')), 'the pinned Node is installed');
  assert.doesNotMatch(install, /EBADENGINE/, 'no engine warnings');

  const env = freshEnv({
    NODE_ENV: 'production',
    DATABASE_URL: await createDatabase(),
    APP_SECRET: randomBytes(32).toString('hex'),
    PUBLIC_URL: 'https://desk.example.test',
    HOST: '127.0.0.1',
    PORT: String(await freePort()),
    INBOUND_SMTP_PORT: '0',
    LOG_LEVEL: 'warn',
  });
  const email = 'first.admin@example.test';
  const password = 'copper-meadow-lantern-92';
  const created = await run('npm', ['run', '--silent', 'create-admin', '--', email], {
    cwd: folder,
    env,
    input: `${password}\n`,
  });
  assert.match(created, /created administrator first\.admin@example\.test/);

  const server = await startServer(folder, env);
  const url = `http://127.0.0.1:${env.PORT}`;
  const signIn = await fetch(`${url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  assert.equal(signIn.status, 200, await signIn.text());
  const cookie = signIn.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const me = await fetch(`${url}/api/me`, { headers: { cookie } });
  assert.equal((await me.json()).role, 'admin');
  assert.equal((await fetch(`${url}/api/ready`)).status, 200);
  const page = await fetch(`${url}/`);
  assert.match(await page.text(), /<div id="root">|<script/, 'the web application is served');
  assert.equal((await fetch(`${url}/metrics`)).status, 404, 'no metrics without METRICS_TOKEN');

  const exited = once(server.child, 'exit');
  process.kill(-server.child.pid!, 'SIGTERM');
  const [code, signal] = await exited;
  // npm itself ends by the signal; the server below it shuts down gracefully (test/graceful-shutdown).
  assert.ok(
    code === 0 || signal === 'SIGTERM',
    `npm start ended with ${code ?? signal}:\n${server.output()}`,
  );
  await assert.rejects(fetch(`${url}/api/health`), 'nothing serves the port any more');
  t.diagnostic(`npm ci --omit=dev took ${installMs} ms; whole journey ${Date.now() - began} ms`);
});
