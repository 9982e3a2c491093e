import assert from 'node:assert/strict';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { openDatabase } from '../src/db/client.ts';
import { FolderInUseError, lockDataFolder, lockFileName } from '../src/db/folder-lock.ts';
import { freePort, startServerProcess, stopServerProcesses } from './server-process.ts';

// The embedded database folder belongs to one process at a time: real processes on a temp folder.

const skip = process.env.TEST_ENGINE === 'postgres' && 'embedded folders only: runs in the PGlite pass';
const root = path.resolve(import.meta.dirname, '..');
const dir = mkdtempSync(path.join(tmpdir(), 'ed-lock-'));
const children = new Set<ChildProcess>();

after(async () => {
  await stopServerProcesses();
  for (const child of children)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

/** The environment of a process on `dataDir`, whatever the engine of this test run. */
function envFor(dataDir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, INBOUND_SMTP_PORT: '0', ...extra };
  delete env.DATABASE_URL;
  delete env.npm_lifecycle_event; // the message then names the command, not the test runner
  return env;
}

async function startServer(dataDir: string): Promise<ChildProcess> {
  const server = await startServerProcess({ env: envFor(dataDir), startTimeoutMs: 60_000 });
  return server.child;
}

function runCli(dataDir: string, ...args: string[]) {
  return spawnSync(process.execPath, ['src/cli.ts', ...args], {
    cwd: root,
    env: envFor(dataDir),
    encoding: 'utf8',
    timeout: 60_000,
  });
}

test('a second server and every CLI command refuse a folder in use with one line; after a stop the CLI works', {
  skip,
  timeout: 180_000,
}, async () => {
  const dataDir = path.join(dir, 'in-use');
  const users = path.join(dir, 'users.csv');
  writeFileSync(users, 'email,name,role,password\nlock.user@demo.test,Lock User,agent,lock password\n');
  const rules = path.join(dir, 'rules.csv');
  writeFileSync(rules, 'team,position,task_type\nTier 2,1,callback\n');
  const server = await startServer(dataDir);
  const inUse = new RegExp(
    `^the database folder ${dataDir.replaceAll(/[.*+?^${}()|[\]\\/]/g, '\\$&')} is in use by process ${server.pid} \\(node src/main\\.ts\\); stop it first\\n$`,
  );

  for (const args of [['migrate'], ['seed'], ['import-users', users], ['import-rules', rules]]) {
    const refused = runCli(dataDir, ...args);
    assert.equal(refused.status, 1, `${args[0]}: ${refused.stderr}`);
    assert.match(refused.stderr.replace(/^error: /, ''), inUse, `${args[0]} says one line`);
    assert.equal(refused.stdout, '', `${args[0]} did nothing`);
  }
  const second = spawnSync(process.execPath, ['src/main.ts'], {
    cwd: root,
    env: envFor(dataDir, { PORT: String(await freePort()), HOST: '127.0.0.1' }),
    encoding: 'utf8',
    timeout: 60_000,
  });
  assert.equal(second.status, 1, second.stderr);
  assert.match(second.stderr.replace(/^Escalation Desk could not start: /, ''), inUse);
  assert.equal(server.exitCode, null, 'the first server still runs');

  const exited = once(server, 'exit');
  server.kill('SIGTERM');
  await exited;
  assert.equal(existsSync(path.join(dataDir, lockFileName)), false, 'a graceful stop releases the folder');
  const imported = runCli(dataDir, 'import-users', users);
  assert.equal(imported.status, 0, imported.stderr);
  assert.match(imported.stdout, /imported 1 users/);

  // The import is there for whoever opens the folder next (and the CLI let go of it).
  const handle = await openDatabase({ dataDir });
  try {
    const user = await handle.db
      .selectFrom('users')
      .select('email')
      .where('email', '=', 'lock.user@demo.test')
      .executeTakeFirst();
    assert.equal(user?.email, 'lock.user@demo.test');
  } finally {
    await handle.close();
  }
  assert.equal(existsSync(path.join(dataDir, lockFileName)), false);
});

test('a lock left by a process that died is taken over', { skip }, async () => {
  const dataDir = path.join(dir, 'stale');
  const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
    encoding: 'utf8',
  });
  const deadPid = Number(gone.stdout);
  assert.ok(deadPid > 0);
  const lock = await lockDataFolder(dataDir);
  lock.release();
  writeFileSync(path.join(dataDir, lockFileName), `${deadPid}\nnpm start\n`);
  const taken = await lockDataFolder(dataDir);
  try {
    await assert.rejects(lockDataFolder(dataDir), FolderInUseError, 'held again, now by this process');
  } finally {
    taken.release();
  }
  assert.equal(existsSync(path.join(dataDir, lockFileName)), false);
  const again = await lockDataFolder(dataDir);
  again.release();
});

test('a lock naming a pid that now runs another program is taken over', {
  skip: skip || (!existsSync('/proc/self/cmdline') && 'needs /proc to tell programs apart'),
}, async () => {
  const dataDir = path.join(dir, 'reused');
  const other = spawn('sleep', ['30'], { stdio: 'ignore' });
  children.add(other);
  try {
    (await lockDataFolder(dataDir)).release();
    writeFileSync(path.join(dataDir, lockFileName), `${other.pid}\nnpm start\n`);
    const taken = await lockDataFolder(dataDir);
    taken.release();
  } finally {
    other.kill('SIGKILL');
  }
});

test('a CLI run stopped by a signal releases the folder', { skip, timeout: 60_000 }, async () => {
  const dataDir = path.join(dir, 'signalled');
  // `serve` through the CLI is the server: it has its own graceful stop. `migrate` has none, so
  // the lock's own signal handler must release; a long import would be the same.
  const child = spawn(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `import { lockDataFolder } from './src/db/folder-lock.ts';
       await lockDataFolder(${JSON.stringify(dataDir)});
       console.log('locked');
       setInterval(() => {}, 1000);`,
    ],
    { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  children.add(child);
  await once(child.stdout!, 'data');
  assert.equal(existsSync(path.join(dataDir, lockFileName)), true);
  const exited = once(child, 'exit');
  child.kill('SIGINT');
  const [, signal] = await exited;
  assert.equal(signal, 'SIGINT', 'it still ends as a SIGINT ends a process');
  assert.equal(existsSync(path.join(dataDir, lockFileName)), false);
});
