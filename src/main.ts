import { buildApp } from './app.ts';
import { loadConfig } from './config.ts';
import { openDatabase } from './db/client.ts';
import { withSigningSecret } from './db/installation-secret.ts';
import { migrateToLatest } from './db/migrate.ts';
import { systemClock } from './lib/clock.ts';
import { demoUsers } from './seed/demo-data.ts';
import { isDatabaseEmpty, seedDemo } from './seed/seed-demo.ts';
import { startBackground } from './background.ts';

async function main() {
  const settings = loadConfig();
  const handle = await openDatabase(settings);
  await migrateToLatest(handle.db);
  const config = await withSigningSecret(settings, handle.db);
  let seeded = false;
  if (!config.isProduction && (await isDatabaseEmpty(handle.db))) {
    await seedDemo(handle.db);
    seeded = true;
  }
  const deps = { db: handle.db, clock: systemClock, config };
  const app = await buildApp(deps, { logger: process.env.LOG_REQUESTS === '1' });
  const background = await startBackground(deps, handle, app);
  await app.listen({ port: config.port, host: config.host });

  const engine = handle.engine === 'pglite' ? `PGlite in ${config.dataDir}` : 'PostgreSQL';
  console.log(`Escalation Desk is running at http://${config.host}:${config.port} (${engine})`);
  if (!config.isProduction) {
    console.log(
      seeded
        ? 'Loaded the demo organisation. Demo sign-ins (password "demo"):'
        : 'Demo sign-ins (password "demo"):',
    );
    for (const user of demoUsers) console.log(`  ${user.email.padEnd(28)} ${user.role}`);
  }

  const stop = async () => {
    await app.close();
    await background.stop();
    await handle.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`Escalation Desk could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
