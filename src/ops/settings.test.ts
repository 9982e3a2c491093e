import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { test } from 'node:test';
import { loadConfig } from '../config.ts';
import { findUnsafeProductionSettings, loadOpsSettings } from './settings.ts';

const safe = {
  NODE_ENV: 'production',
  APP_SECRET: 'a-long-random-secret-for-the-settings-tests',
  DATABASE_URL: 'postgres://desk@db.internal/desk',
  PUBLIC_URL: 'https://desk.example.com',
};

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  // loadConfig itself refuses a missing APP_SECRET; the check below says it too, for any route in.
  const config = {
    ...loadConfig({ ...env, APP_SECRET: env.APP_SECRET || 'x'.repeat(32) }),
    isProduction: true,
  };
  return findUnsafeProductionSettings(config, loadOpsSettings(env), env);
}

test('a safe production configuration passes; development is never refused', () => {
  assert.deepEqual(problemsOf(safe), []);
  const development = loadConfig({});
  assert.deepEqual(findUnsafeProductionSettings(development, loadOpsSettings({}), {}), []);
});

test('production refuses PGlite unless ALLOW_EMBEDDED_DATABASE=true', () => {
  const { DATABASE_URL: _, ...embedded } = safe;
  assert.deepEqual(problemsOf(embedded), [
    'NODE_ENV=production needs DATABASE_URL (PostgreSQL); to run on the embedded PGlite anyway set ALLOW_EMBEDDED_DATABASE=true',
  ]);
  assert.deepEqual(problemsOf({ ...embedded, ALLOW_EMBEDDED_DATABASE: 'true' }), []);
});

test('production refuses a missing APP_SECRET', () => {
  assert.deepEqual(problemsOf({ ...safe, APP_SECRET: '' }), [
    'APP_SECRET must be set when NODE_ENV=production',
  ]);
});

test('production refuses a PUBLIC_URL that is missing or not https', () => {
  const expected = ['PUBLIC_URL must be the https:// address customers reach when NODE_ENV=production'];
  assert.deepEqual(problemsOf({ ...safe, PUBLIC_URL: 'http://desk.example.com' }), expected);
  assert.deepEqual(problemsOf({ ...safe, PUBLIC_URL: '' }), expected);
});

test('bad LOG_LEVEL, SHUTDOWN_TIMEOUT_MS and ALLOW_EMBEDDED_DATABASE values are named', () => {
  assert.throws(() => loadOpsSettings({ LOG_LEVEL: 'loud' }), /LOG_LEVEL must be one of/);
  assert.throws(() => loadOpsSettings({ SHUTDOWN_TIMEOUT_MS: '-1' }), /SHUTDOWN_TIMEOUT_MS/);
  assert.throws(() => loadOpsSettings({ ALLOW_EMBEDDED_DATABASE: 'yes' }), /ALLOW_EMBEDDED_DATABASE/);
});

const root = path.resolve(import.meta.dirname, '../..');

/** Runs `node src/main.ts` with only these variables; resolves with its exit code and stderr. */
async function startWith(env: Record<string, string>) {
  const child = spawn(process.execPath, ['src/main.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH, DATA_DIR: ':memory:', PORT: '0', INBOUND_SMTP_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  const [code] = await once(child, 'exit');
  clearTimeout(timer);
  return { code, lines: stderr.trim().split('\n') };
}

// The real start: one line on stderr and exit 1, before any database is opened. Once per run.
test('the server refuses each unsafe production setting with one line and exit 1', {
  skip: process.env.TEST_ENGINE === 'postgres' && 'no database involved; runs in the PGlite pass',
}, async () => {
  const { DATABASE_URL: _, ...embedded } = safe;
  const cases = [
    { env: embedded, says: /needs DATABASE_URL.*ALLOW_EMBEDDED_DATABASE=true/ },
    { env: { ...safe, APP_SECRET: '' }, says: /APP_SECRET must be set/ },
    { env: { ...safe, PUBLIC_URL: 'http://desk.example.com' }, says: /PUBLIC_URL must be the https:\/\// },
  ];
  const results = await Promise.all(cases.map((c) => startWith(c.env)));
  results.forEach(({ code, lines }, i) => {
    assert.equal(code, 1, lines.join('\n'));
    assert.equal(lines.length, 1, `one line, got:\n${lines.join('\n')}`);
    assert.match(lines[0]!, cases[i]!.says);
  });
});
