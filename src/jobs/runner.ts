import { sql } from 'kysely';
import type { Deps } from '../deps.ts';
import type { Db } from '../db/client.ts';
import { runAsSystem } from '../db/row-security.ts';
import {
  type ClaimedTimer,
  claimDueTimers,
  claimTimer,
  type Firing,
  markTimerFailed,
  markTimersDone,
} from './timers.ts';

/**
 * A handler does the timer's work inside the transaction that marks it done, so a crash midway
 * leaves the timer pending and the work unapplied: each timer's effects are committed exactly once.
 * Handlers that talk to the outside world (SMTP) should be marked `isolated` (see `isolated()`):
 * they then run one per transaction, so another timer's failure never rolls back (and repeats) them.
 */
export type TimerHandler = ((deps: Deps, tx: Db, timer: ClaimedTimer) => Promise<void>) & {
  isolated?: boolean;
  /**
   * Fires every timer of the kind in a batch at once (set-based SQL, a few round trips for a
   * hundred timers). Must do what the single form does for each; the slow path uses the single form.
   */
  many?: (deps: Deps, tx: Db, timers: ClaimedTimer[]) => Promise<void>;
};
export type TimerHandlers = Record<string, TimerHandler>;

/** Marks a handler to run alone in its own transaction (for side effects outside the database). */
export function isolated(handler: TimerHandler): TimerHandler {
  return Object.assign((deps: Deps, tx: Db, timer: ClaimedTimer) => handler(deps, tx, timer), {
    isolated: true,
  });
}

/** A handler with a set-based form for batches (see `TimerHandler.many`). */
export function batched(single: TimerHandler, many: NonNullable<TimerHandler['many']>): TimerHandler {
  return Object.assign((deps: Deps, tx: Db, timer: ClaimedTimer) => single(deps, tx, timer), { many });
}

export type RunResult = { fired: number; failed: number };
export type RunOptions = {
  batchSize?: number;
  maxAttempts?: number;
  /** A batch transaction stops taking on timers after this long (keeps PGlite responsive). */
  batchBudgetMs?: number;
  shouldStop?: () => boolean;
  /** Told of the timers each committed transaction fired (metrics: how late they fired). */
  onFired?: (firings: Firing[]) => void;
};

/**
 * Fires every timer due now, batch by batch, until none is left. Fast path: one transaction per
 * batch (claim, handlers, one update marking all done). If a handler throws, that batch is rolled
 * back and its timers are run one per transaction, so the failure is recorded on its own timer.
 */
export async function runDueTimers(deps: Deps, handlers: TimerHandlers, options: RunOptions = {}) {
  const batchSize = options.batchSize ?? 100;
  const result: RunResult = { fired: 0, failed: 0 };
  for (;;) {
    if (options.shouldStop?.()) return result;
    const batch = await runBatch(deps, handlers, batchSize, options);
    result.fired += batch.fired;
    result.failed += batch.failed;
    if (!batch.isFull) return result;
  }
}

type BatchResult = RunResult & { isFull: boolean };

async function runBatch(
  deps: Deps,
  handlers: TimerHandlers,
  batchSize: number,
  options: RunOptions,
): Promise<BatchResult> {
  const budgetMs = options.batchBudgetMs ?? 250;
  let claimed: ClaimedTimer[] = [];
  const alone: ClaimedTimer[] = [];
  let firings: Firing[] = [];
  let hasFailed = false;
  let isCut = false;
  try {
    await deps.db.transaction().execute(async (tx) => {
      const began = performance.now();
      claimed = await claimDueTimers(tx, deps.clock.now(), batchSize);
      const groups = new Map<string, ClaimedTimer[]>();
      for (const timer of claimed) {
        if (performance.now() - began > budgetMs) {
          isCut = true; // the rest stay pending; their locks go with the commit
          break;
        }
        const handler = handlers[timer.kind];
        if (!handler || handler.isolated) {
          alone.push(timer);
          continue;
        }
        if (handler.many) {
          groups.set(timer.kind, [...(groups.get(timer.kind) ?? []), timer]);
          continue;
        }
        try {
          await handler(deps, tx, timer);
        } catch (error) {
          hasFailed = true;
          throw error;
        }
        firings.push({ id: timer.id, firedAt: deps.clock.now(), dueAt: timer.due_at });
      }
      for (const [kind, timers] of groups) {
        try {
          await handlers[kind].many!(deps, tx, timers);
        } catch (error) {
          hasFailed = true;
          throw error;
        }
        const firedAt = deps.clock.now();
        for (const timer of timers) firings.push({ id: timer.id, firedAt, dueAt: timer.due_at });
      }
      await markTimersDone(tx, firings);
    });
  } catch (error) {
    if (!hasFailed) throw error;
    firings = [];
    alone.splice(0, alone.length, ...claimed);
  }
  if (firings.length) options.onFired?.(firings);
  const result: BatchResult = {
    fired: firings.length,
    failed: 0,
    isFull: isCut || claimed.length === batchSize,
  };
  for (const timer of alone) {
    const outcome = await runAlone(deps, handlers, timer.id, options.maxAttempts ?? 8, options.onFired);
    if (outcome === 'fired') result.fired++;
    if (outcome === 'failed') result.failed++;
  }
  return result;
}

/** The slow path: one timer, one transaction; a failure is rolled back to a savepoint and recorded. */
async function runAlone(
  deps: Deps,
  handlers: TimerHandlers,
  id: string,
  maxAttempts: number,
  onFired: RunOptions['onFired'],
): Promise<'fired' | 'failed' | 'skipped'> {
  let firing: Firing | undefined;
  const outcome = await deps.db.transaction().execute(async (tx) => {
    const timer = await claimTimer(tx, id, deps.clock.now());
    if (!timer) return 'skipped'; // another process has it, or it was cancelled meanwhile
    const handler = handlers[timer.kind];
    await sql`SAVEPOINT timer_handler`.execute(tx);
    try {
      if (!handler) throw new Error(`no handler for timer kind "${timer.kind}"`);
      await handler(deps, tx, timer);
      await sql`RELEASE SAVEPOINT timer_handler`.execute(tx);
    } catch (error) {
      await sql`ROLLBACK TO SAVEPOINT timer_handler`.execute(tx);
      const message = error instanceof Error ? error.message : String(error);
      await markTimerFailed(tx, timer, deps.clock.now(), message, maxAttempts);
      return 'failed';
    }
    firing = { id: timer.id, firedAt: deps.clock.now(), dueAt: timer.due_at };
    await markTimersDone(tx, [firing]);
    return 'fired' as const;
  });
  if (firing && outcome === 'fired') onFired?.([firing]);
  return outcome;
}

export type TimerRunner = { wake(): void; stop(): Promise<void> };

/**
 * Polls for due timers until stopped. `wake()` (called on a NOTIFY from `scheduleTimer`) runs a
 * pass at once, or right after the pass in progress, instead of waiting for the next poll.
 */
export function startTimerRunner(
  deps: Deps,
  handlers: TimerHandlers,
  options: { intervalMs?: number } & RunOptions = {},
): TimerRunner {
  const intervalMs = options.intervalMs ?? 1000;
  let isStopped = false;
  let isRunning = false;
  let isWoken = false;
  let running: Promise<unknown> = Promise.resolve();
  let timeout: NodeJS.Timeout | undefined;
  const runOptions = { ...options, shouldStop: () => isStopped };
  const tick = () => {
    timeout = undefined;
    if (isStopped) return;
    isRunning = true;
    isWoken = false;
    // As the owner even when woken from inside a person's request (a NOTIFY on PGlite calls back
    // in the context of the query that committed it).
    running = runAsSystem(() => runDueTimers(deps, handlers, runOptions))
      .catch((error: unknown) =>
        console.error(`timer runner: ${error instanceof Error ? error.message : error}`),
      )
      .finally(() => {
        isRunning = false;
        if (!isStopped) timeout = setTimeout(tick, isWoken ? 0 : intervalMs);
      });
  };
  tick();
  return {
    wake() {
      if (isStopped) return;
      if (isRunning) {
        isWoken = true;
        return;
      }
      if (timeout) clearTimeout(timeout);
      tick();
    },
    async stop() {
      isStopped = true;
      if (timeout) clearTimeout(timeout);
      await running;
    },
  };
}
