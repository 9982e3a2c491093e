// A timer-runner process for the benchmark: the app's runner and handlers (plus a no-op kind),
// without the HTTP server. Prints "ready" once listening; stops on SIGTERM.
import { loadConfig } from '../src/config.ts';
import { withSigningSecret } from '../src/db/installation-secret.ts';
import { openPostgres } from '../src/db/client.ts';
import { timerHandlers } from '../src/jobs/handlers.ts';
import { startTimerRunner } from '../src/jobs/runner.ts';
import { timersChannel } from '../src/jobs/timers.ts';
import { listenForNotifications } from '../src/jobs/wake.ts';
import { systemClock } from '../src/lib/clock.ts';

const config = loadConfig();
const handle = await openPostgres(config.databaseUrl!, { max: 4 });
const deps = { db: handle.db, clock: systemClock, config: await withSigningSecret(config, handle.db) };
const handlers = { ...timerHandlers, 'bench.noop': async () => {} };
const runner = startTimerRunner(deps, handlers, { intervalMs: 200 });
const unlisten = await listenForNotifications(handle, timersChannel, () => runner.wake());
console.log('ready');
process.once('SIGTERM', async () => {
  await unlisten();
  await runner.stop();
  await handle.close();
  process.exit(0);
});
