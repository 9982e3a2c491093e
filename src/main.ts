import { buildApp } from './app.ts';
import { loadConfig } from './config.ts';
import { openDatabase } from './db/client.ts';
import { withSigningSecret } from './db/installation-secret.ts';
import { migrateToLatest } from './db/migrate.ts';
import { systemClock } from './lib/clock.ts';
import { demoUsers } from './seed/demo-data.ts';
import { isDatabaseEmpty, seedDemo, topUpDemoLists } from './seed/seed-demo.ts';
import { startBackground } from './background.ts';
import { closeHttp, installGracefulShutdown } from './ops/shutdown.ts';
import { findUnsafeProductionSettings, loadOpsSettings } from './ops/settings.ts';

async function main() {
  const settings = loadConfig();
  const ops = loadOpsSettings();
  refuseUnsafeProduction(findUnsafeProductionSettings(settings, ops));
  const handle = await openDatabase(settings);
  await migrateToLatest(handle.db);
  const config = await withSigningSecret(settings, handle.db);
  let seeded = false;
  let toppedUp: string[] = [];
  if (!config.isProduction && (await isDatabaseEmpty(handle.db))) {
    await seedDemo(handle.db);
    seeded = true;
  } else if (!config.isProduction) toppedUp = await topUpDemoLists(handle.db);
  const deps = { db: handle.db, clock: systemClock, config };
  const app = await buildApp(deps, {
    log: { level: ops.logLevel },
    metrics: { token: ops.metricsToken, isProduction: config.isProduction, collectProcessMetrics: true },
  });
  const background = await startBackground(deps, handle, app);
  await app.listen({ port: config.port, host: config.host });

  const engine = handle.engine === 'pglite' ? `PGlite in ${config.dataDir}` : 'PostgreSQL';
  // The bound port, not the configured one: PORT=0 (tests) picks a free port.
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  console.log(`Escalation Desk is running at http://${config.host}:${port} (${engine})`);
  if (toppedUp.length) console.log(`Added the demo's ${toppedUp.join(', ')} (lists this version brings).`);
  if (!config.isProduction) {
    console.log(
      seeded
        ? 'Loaded the demo organisation. Demo sign-ins (password "demo"):'
        : 'Demo sign-ins (password "demo"):',
    );
    for (const user of demoUsers) console.log(`  ${user.email.padEnd(28)} ${user.role}`);
  }

  installGracefulShutdown({
    steps: [
      { name: 'http', stop: () => closeHttp(app) },
      { name: 'background', stop: () => background.stop() },
      { name: 'database', stop: () => handle.close() },
    ],
    timeoutMs: ops.shutdownTimeoutMs,
    log: app.log,
  });
}

/** One line per unsafe production setting, then exit 1 before anything is opened. */
function refuseUnsafeProduction(problems: string[]) {
  if (!problems.length) return;
  for (const problem of problems) console.error(`Escalation Desk refuses to start: ${problem}`);
  process.exit(1);
}

main().catch((error: unknown) => {
  console.error(`Escalation Desk could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
