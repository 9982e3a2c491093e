import type { FastifyBaseLogger } from 'fastify';

export type ShutdownStep = { name: string; stop(): Promise<void> };

/**
 * On SIGTERM or SIGINT: stop taking requests and finish those in flight (Fastify's close answers
 * new ones 503 and ends the live-event streams with a retry hint), let the timer runner finish the
 * batch it has claimed, then close the database and exit 0. Past `timeoutMs` the process exits 1
 * anyway, so an orchestrator never waits forever; a second signal exits at once.
 */
export function installGracefulShutdown(options: {
  /** Run one after the other; the database goes last. */
  steps: ShutdownStep[];
  timeoutMs: number;
  log: FastifyBaseLogger;
  exit?: (code: number) => void;
}) {
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let isShuttingDown = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (isShuttingDown) {
      safely(() => options.log.warn({ signal }, 'second signal: exiting without finishing'));
      exit(1);
      return;
    }
    isShuttingDown = true;
    const began = Date.now();
    // The deadline is set before anything is logged: a log line that cannot be written (stdout
    // is a closed pipe, seen when the output was piped into `head`) threw here and left a server
    // that no signal could stop.
    const force = setTimeout(() => {
      safely(() =>
        options.log.error({ timeoutMs: options.timeoutMs }, 'shutdown took too long: exiting anyway'),
      );
      exit(1);
    }, options.timeoutMs);
    force.unref();
    safely(() =>
      options.log.info(
        { signal, timeoutMs: options.timeoutMs },
        'shutting down: finishing requests and timers',
      ),
    );
    void runSteps(options.steps, options.log).then((isClean) => {
      clearTimeout(force);
      safely(() => options.log.info({ ms: Date.now() - began }, 'shut down'));
      exit(isClean ? 0 : 1);
    });
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}

async function runSteps(steps: ShutdownStep[], log: FastifyBaseLogger): Promise<boolean> {
  let isClean = true;
  for (const step of steps) {
    const began = Date.now();
    try {
      await step.stop();
    } catch (error) {
      // Carry on: the database must still be closed after a failing step.
      isClean = false;
      safely(() => log.error({ err: error, step: step.name }, 'shutdown step failed'));
      continue;
    }
    safely(() => log.info({ step: step.name, ms: Date.now() - began }, 'shutdown step done'));
  }
  return isClean;
}

/**
 * Closes the HTTP side of the app: Fastify stops accepting and answers late arrivals 503, while
 * requests in flight finish. Node reaps only the connections idle at the moment of closing, so a
 * keep-alive connection whose request finishes afterwards (or an ended event stream) would hold
 * the close open until its keep-alive timeout; sweeping idle connections until closed prevents that.
 */
export async function closeHttp(app: { close(): Promise<void>; server: { closeIdleConnections(): void } }) {
  const sweep = setInterval(() => app.server.closeIdleConnections(), 50);
  try {
    await app.close();
  } finally {
    clearInterval(sweep);
  }
}

/** Writes a log line if it can; a process that is stopping must stop even when its output is gone. */
function safely(write: () => void) {
  try {
    write();
  } catch {
    // nowhere left to say it
  }
}
