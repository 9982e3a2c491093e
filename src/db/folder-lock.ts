import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';

/** The file in an embedded database folder naming the process that has it open. */
export const lockFileName = 'escalation-desk.lock';

/** Signals that would end a process without its 'exit' handlers: the lock goes first. */
const endingSignals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

export class FolderInUseError extends Error {
  constructor(dataDir: string, pid: number, command: string) {
    super(`the database folder ${dataDir} is in use by process ${pid} (${command}); stop it first`);
    this.name = 'FolderInUseError';
  }
}

type Holder = { pid: number; command: string };

/** How this process was started, for the message another process shows ("npm start"). */
function describeThisProcess(): string {
  const script = process.env.npm_lifecycle_event;
  if (script) return script === 'start' || script === 'test' ? `npm ${script}` : `npm run ${script}`;
  const file = process.argv[1] ? path.relative(process.cwd(), process.argv[1]) : 'node';
  return ['node', file, ...process.argv.slice(2, 3)].join(' ');
}

function readHolder(file: string): Holder | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const [pidLine, command] = text.split('\n');
  const pid = Number(pidLine);
  return Number.isSafeInteger(pid) && pid > 0 ? { pid, command: command || 'unknown command' } : undefined;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  // The pid of a dead holder may have gone to another program since (containers reuse small
  // pids quickly): where Linux tells, a process that is not running Node is not the holder.
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(path.basename(process.execPath));
  } catch {
    return true;
  }
}

function tryCreate(file: string): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'wx'); // O_CREAT | O_EXCL: exactly one process creates it
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, `${process.pid}\n${describeThisProcess()}\n`);
  } finally {
    closeSync(fd);
  }
  return true;
}

/**
 * Makes `dataDir` (an embedded PGlite folder) this process's until `release()` or exit: PGlite
 * has no server to arbitrate, and two processes writing one folder lose each other's changes.
 * Refuses with `FolderInUseError` while the process named in the lock file runs; a lock left by a
 * process that died (even `kill -9`) is taken over. Released on exit and on SIGINT, SIGTERM and
 * SIGHUP when nothing else handles them (a server that stops gracefully releases on close).
 */
export async function lockDataFolder(dataDir: string): Promise<{ release(): void }> {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, lockFileName);
  for (let attempt = 0; !tryCreate(file); attempt++) {
    const holder = readHolder(file);
    if (holder && holder.pid !== process.pid && isRunning(holder.pid))
      throw new FolderInUseError(dataDir, holder.pid, holder.command);
    if (holder?.pid === process.pid) throw new FolderInUseError(dataDir, holder.pid, 'this process');
    if (!holder && attempt < 5) {
      // Empty: its creator may be between creating and writing it. Give it a moment.
      await delay(20);
      continue;
    }
    if (attempt >= 10) throw new Error(`cannot take the lock ${file}`);
    // Left by a process that is gone: take it over, unless someone else just did.
    if (readHolder(file)?.pid === holder?.pid) unlinkSync(file);
  }
  return holdLock(file);
}

function holdLock(file: string) {
  let isHeld = true;
  const release = () => {
    if (!isHeld) return;
    isHeld = false;
    process.off('exit', release);
    for (const signal of endingSignals) process.off(signal, onSignal);
    if (readHolder(file)?.pid !== process.pid) return;
    try {
      unlinkSync(file);
    } catch {
      // Already gone: nothing to release.
    }
  };
  const onSignal = (signal: NodeJS.Signals) => {
    // With a handler of its own (the server's graceful stop) the process releases when it closes.
    if (process.listenerCount(signal) > 1) return;
    release();
    process.kill(process.pid, signal); // as if we had not listened: the default action ends us
  };
  process.on('exit', release);
  for (const signal of endingSignals) process.on(signal, onSignal);
  return { release };
}
