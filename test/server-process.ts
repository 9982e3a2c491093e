import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import path from 'node:path';

// Real server processes for the tests that need one (faults, shutdown, the folder lock, the
// production install, events across processes): started on a free loopback port, ready once they
// print their URL, and always stopped, even when a test fails half-way.

const root = path.resolve(import.meta.dirname, '..');
const running = new Set<ServerProcess>();

export type ServerProcess = {
  child: ChildProcess;
  port: number;
  baseUrl: string;
  /** Everything the process printed so far, stdout and stderr interleaved. */
  output(): string;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once the process has exited. */
  stop(graceMs?: number): Promise<void>;
};

/** A loopback port nobody listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  await once(server, 'close');
  return typeof address === 'object' && address ? address.port : 0;
}

const hasExited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

/**
 * Starts `node src/main.ts` (or `command`) with `env` plus PORT and HOST; resolves once it prints
 * "is running at", rejects with its output when it exits or stays silent past `startTimeoutMs`.
 * `detached` puts it in its own process group, so `npm start` is stopped with everything below it.
 */
export async function startServerProcess(options: {
  env: NodeJS.ProcessEnv;
  port?: number;
  cwd?: string;
  command?: string;
  args?: string[];
  detached?: boolean;
  startTimeoutMs?: number;
}): Promise<ServerProcess> {
  const port = options.port ?? (await freePort());
  const child = spawn(options.command ?? process.execPath, options.args ?? ['src/main.ts'], {
    cwd: options.cwd ?? root,
    env: { ...options.env, PORT: String(port), HOST: '127.0.0.1' },
    detached: options.detached ?? false,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const signal = (name: NodeJS.Signals) => {
    if (hasExited(child)) return;
    if (options.detached && child.pid) process.kill(-child.pid, name);
    else child.kill(name);
  };
  const server: ServerProcess = {
    child,
    port,
    baseUrl: `http://127.0.0.1:${port}`,
    output: () => output,
    async stop(graceMs = 10_000) {
      running.delete(server);
      if (hasExited(child)) return;
      const exited = once(child, 'exit');
      signal('SIGTERM');
      const timer = setTimeout(() => signal('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
  running.add(server);
  child.once('exit', () => running.delete(server));

  const timeoutMs = options.startTimeoutMs ?? 60_000;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`server did not start in ${timeoutMs / 1000} s:\n${output}`));
    }, timeoutMs);
    const onData = () => {
      if (!output.includes('is running at')) return;
      cleanup();
      resolve();
    };
    const onExit = (code: number | null, signalName: NodeJS.Signals | null) => {
      cleanup();
      reject(new Error(`server exited with ${code ?? signalName} while starting:\n${output}`));
    };
    const cleanup = () => {
      clearTimeout(timer);
      child.stdout!.off('data', onData);
      child.off('exit', onExit);
    };
    child.stdout!.on('data', onData);
    child.once('exit', onExit);
  });
  return server;
}

/** Stops every server a test file started and has not stopped (for `after`), gracefully first. */
export async function stopServerProcesses(graceMs = 5_000): Promise<void> {
  await Promise.all([...running].map((server) => server.stop(graceMs)));
}
