import { loadConfig } from './config.ts';
import { openDatabase } from './db/client.ts';
import { migrateToLatest } from './db/migrate.ts';
import { isDatabaseEmpty, seedDemo } from './seed/seed-demo.ts';

const usage = `usage: node src/cli.ts <command>
  migrate            run pending migrations
  seed               load the demo organisation into an empty database
  serve              start the server (same as npm start)`;

async function run(command: string | undefined) {
  const config = loadConfig();
  if (command === 'serve') {
    await import('./main.ts');
    return;
  }
  if (command !== 'migrate' && command !== 'seed') {
    console.error(usage);
    process.exitCode = 2;
    return;
  }
  const handle = await openDatabase(config);
  try {
    const applied = await migrateToLatest(handle.db);
    console.log(applied.length ? `applied migrations: ${applied.join(', ')}` : 'database is up to date');
    if (command === 'seed') {
      if (config.isProduction) throw new Error('NODE_ENV=production refuses demo data');
      if (!(await isDatabaseEmpty(handle.db)))
        throw new Error('the database already has users; demo data not loaded');
      await seedDemo(handle.db);
      console.log('demo data loaded; every demo password is "demo"');
    }
  } finally {
    await handle.close();
  }
}

run(process.argv[2]).catch((error: unknown) => {
  console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
