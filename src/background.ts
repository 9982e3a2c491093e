import type { DatabaseHandle } from './db/client.ts';
import type { Deps } from './deps.ts';
import type { App } from './http/app-type.ts';
import { timerHandlers } from './jobs/handlers.ts';
import { scheduleHousekeeping } from './jobs/housekeeping.ts';
import { startTimerRunner } from './jobs/runner.ts';
import { timersChannel } from './jobs/timers.ts';
import { listenForNotifications } from './jobs/wake.ts';
import { eventsChannel } from './modules/events/publish.ts';
import { startExecutiveMailListener } from './modules/executive/listener.ts';
import { startWebhookRunner } from './modules/webhooks/deliver.ts';
import { webhooksChannel } from './modules/webhooks/outbox.ts';

/** Long-running parts started beside the HTTP server: the timer runner, mail delivery, event fan-out. */
export async function startBackground(deps: Deps, handle: DatabaseHandle, app: App) {
  const stoppers: Array<() => Promise<void>> = [];
  await scheduleHousekeeping(deps.db, deps.clock.now());
  const runner = startTimerRunner(deps, timerHandlers, {
    intervalMs: deps.config.timerPollMs,
    onFired: (firings) => app.metrics.observeTimerFirings(firings),
  });
  stoppers.push(runner.stop);
  stoppers.push(await listenForNotifications(handle, timersChannel, () => runner.wake()));
  const webhooks = startWebhookRunner(deps, { intervalMs: deps.config.timerPollMs });
  stoppers.push(webhooks.stop);
  stoppers.push(await listenForNotifications(handle, webhooksChannel, () => webhooks.wake()));
  // One LISTEN per process feeds every SSE connection of this process.
  stoppers.push(await listenForNotifications(handle, eventsChannel, (id) => app.eventHub.notify(id)));
  try {
    const inboundMail = await startExecutiveMailListener(deps);
    stoppers.push(inboundMail.stop);
  } catch (error) {
    // The HTTP service is worth more than the mail side door: say why and run without it.
    console.error(
      `Inbound mail is off: cannot listen on port ${deps.config.inboundSmtpPort} ` +
        `(${(error as Error).message}); set INBOUND_SMTP_PORT to a free port`,
    );
  }
  return {
    async stop() {
      for (const stop of stoppers.reverse()) await stop();
    },
  };
}
