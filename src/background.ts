import type { DatabaseHandle } from './db/client.ts';
import type { Deps } from './deps.ts';
import type { App } from './http/app-type.ts';
import { timerHandlers } from './jobs/handlers.ts';
import { startTimerRunner } from './jobs/runner.ts';
import { timersChannel } from './jobs/timers.ts';
import { listenForNotifications } from './jobs/wake.ts';

/** Long-running parts started beside the HTTP server: the timer runner, mail delivery, event fan-out. */
export async function startBackground(deps: Deps, handle: DatabaseHandle, _app: App) {
  const stoppers: Array<() => Promise<void>> = [];
  const runner = startTimerRunner(deps, timerHandlers, { intervalMs: deps.config.timerPollMs });
  stoppers.push(runner.stop);
  stoppers.push(await listenForNotifications(handle, timersChannel, () => runner.wake()));
  return {
    async stop() {
      for (const stop of stoppers.reverse()) await stop();
    },
  };
}
