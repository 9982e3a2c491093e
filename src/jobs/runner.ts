import type { Deps } from '../deps.ts';
import type { Db } from '../db/client.ts';
import { type ClaimedTimer, claimDueTimers, markTimerDone, markTimerFailed } from './timers.ts';

/**
 * A handler does the timer's work inside the transaction that marks it done, so a crash midway
 * leaves the timer pending (claimed again after its lease) and the work unapplied.
 * Handlers that talk to the outside world (SMTP) must be idempotent per timer id.
 */
export type TimerHandler = (deps: Deps, tx: Db, timer: ClaimedTimer) => Promise<void>;
export type TimerHandlers = Record<string, TimerHandler>;

export type RunResult = { fired: number; failed: number };

/** Claims and runs every timer due now, batch by batch, until none is left. */
export async function runDueTimers(
  deps: Deps,
  handlers: TimerHandlers,
  options: { batchSize?: number; maxAttempts?: number } = {},
): Promise<RunResult> {
  const batchSize = options.batchSize ?? 100;
  const maxAttempts = options.maxAttempts ?? 8;
  const result: RunResult = { fired: 0, failed: 0 };
  for (;;) {
    const now = deps.clock.now();
    const claimed = await claimDueTimers(deps.db, now, batchSize);
    for (const timer of claimed) {
      const handler = handlers[timer.kind];
      try {
        if (!handler) throw new Error(`no handler for timer kind "${timer.kind}"`);
        await deps.db.transaction().execute(async (tx) => {
          await handler(deps, tx, timer);
          await markTimerDone(tx, timer.id, deps.clock.now(), timer.due_at);
        });
        result.fired++;
      } catch (error) {
        result.failed++;
        const message = error instanceof Error ? error.message : String(error);
        await markTimerFailed(deps.db, timer, deps.clock.now(), message, maxAttempts);
      }
    }
    if (claimed.length < batchSize) return result;
  }
}

/** Polls for due timers until stopped; `wake()` runs a pass at once (e.g. after a NOTIFY). */
export function startTimerRunner(deps: Deps, handlers: TimerHandlers, options: { intervalMs?: number } = {}) {
  const intervalMs = options.intervalMs ?? 1000;
  let isStopped = false;
  let running: Promise<unknown> = Promise.resolve();
  let timeout: NodeJS.Timeout | undefined;
  const tick = () => {
    if (isStopped) return;
    running = runDueTimers(deps, handlers)
      .catch((error: unknown) =>
        console.error(`timer runner: ${error instanceof Error ? error.message : error}`),
      )
      .finally(() => {
        if (!isStopped) timeout = setTimeout(tick, intervalMs);
      });
  };
  tick();
  return {
    wake() {
      if (timeout) {
        clearTimeout(timeout);
        timeout = undefined;
        tick();
      }
    },
    async stop() {
      isStopped = true;
      if (timeout) clearTimeout(timeout);
      await running;
    },
  };
}
