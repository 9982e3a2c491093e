// The server processes: the real server (`src/main.ts`) and the bare Fastify one (bench/bare-server.ts).
import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { onCleanUp } from '../database.ts';
import { rssMb } from './rss.ts';
import type { Statement } from './statements.ts';

const root = path.resolve(import.meta.dirname, '../..');

export type Server = { url: string; pid: number; rssMb(): number; stop(): Promise<void> };

/** `node src/main.ts` on a free loopback port; its output goes to a file (it logs every request). */
export async function spawnServer(databaseUrl: string, env: Record<string, string> = {}): Promise<Server> {
  const folder = mkdtempSync(path.join(tmpdir(), 'ed-bench-http-'));
  const logFile = path.join(folder, 'server.log');
  const out = openSync(logFile, 'w');
  const child: ChildProcess = spawn(process.execPath, ['src/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: '0',
      HOST: '127.0.0.1',
      NODE_ENV: 'development',
      ...env,
    },
    stdio: ['ignore', out, out],
  });
  closeSync(out);
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await Promise.race([new Promise((done) => child.once('exit', done)), delay(10_000)]);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    rmSync(folder, { recursive: true, force: true });
  };
  const unregister = onCleanUp(stop);
  for (let waited = 0; waited < 60_000; waited += 100) {
    const match = /running at (http:\/\/[0-9.]+:\d+)/.exec(readFileSync(logFile, 'utf8'));
    if (match)
      return {
        url: match[1]!,
        pid: child.pid!,
        rssMb: () => rssMb(child.pid!),
        async stop() {
          unregister();
          await stop();
        },
      };
    if (child.exitCode !== null) break;
    await delay(100);
  }
  const output = readFileSync(logFile, 'utf8');
  await stop();
  throw new Error(`the server did not start:\n${output.slice(-2000)}`);
}

export async function spawnBareServer(
  databaseUrl: string,
  statement: Statement,
): Promise<Server & { helmetUrl: string }> {
  const child = spawn(process.execPath, ['bench/bare-server.ts'], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      BARE_SQL: statement.text,
      BARE_VALUES: JSON.stringify(statement.values),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((done) => child.once('exit', done));
    }
  };
  const unregister = onCleanUp(stop);
  const { url, helmetUrl } = await new Promise<{ url: string; helmetUrl: string }>((resolve, reject) => {
    child.stdout!.once('data', (data: Buffer) => resolve(JSON.parse(data.toString())));
    child.once('exit', () => reject(new Error('the bare server did not start')));
  });
  return {
    url,
    helmetUrl,
    pid: child.pid!,
    rssMb: () => rssMb(child.pid!),
    async stop() {
      unregister();
      await stop();
    },
  };
}
