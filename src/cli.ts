import { readFile } from 'node:fs/promises';
import { loadConfig } from './config.ts';
import { openDatabase } from './db/client.ts';
import { migrateToLatest } from './db/migrate.ts';
import { importRules } from './modules/admin/import-rules.ts';
import { importUsers } from './modules/admin/import-users.ts';
import { runCreateAdmin } from './ops/create-admin-command.ts';
import { importJobs } from './modules/integrations/import-jobs.ts';
import { issueApiToken } from './modules/users/session.ts';
import { isDatabaseEmpty, seedDemo } from './seed/seed-demo.ts';

const usage = `usage: node src/cli.ts <command>
  migrate            run pending migrations
  seed               load the demo organisation into an empty database
  serve              start the server (same as npm start)
  create-admin EMAIL add an administrator (the first one of a production database); the password
                     is asked for on a terminal, or read from the first line of stdin
  import-users FILE  add users from a CSV file (columns: email, name, role, password, site, team,
                     supervisor; see src/modules/admin/import-users.ts)
  import-rules FILE  add routing rules from a CSV file (columns: team, position, task_type,
                     exception_type, match_user, match_site, match_team, assignee)
  import-jobs FILE   first load of jobs and customers from the job system (columns: externalNumber,
                     customerExternalId, customerName, customerPhone, customerEmail,
                     customerTimeZone, product, status; see src/modules/integrations/import-jobs.ts)
  api-token EMAIL [NAME]
                     issue an API token for a user (an integration user cannot sign in to make one);
                     the token is printed once
An import runs in one transaction: a bad row aborts the whole file with its line number.`;

const importers = {
  'import-users': [importUsers, 'users'],
  'import-rules': [importRules, 'routing rules'],
  'import-jobs': [importJobs, 'jobs'],
} as const;

async function run(command: string | undefined) {
  const config = loadConfig();
  if (command === 'serve') {
    await import('./main.ts');
    return;
  }
  if (command === 'create-admin') {
    await runCreateAdmin(config, process.argv[3]);
    return;
  }
  if (command === 'import-users' || command === 'import-rules' || command === 'import-jobs') {
    await runImport(config, command, process.argv[3]);
    return;
  }
  if (command === 'api-token') {
    await runIssueToken(config, process.argv[3], process.argv[4]);
    return;
  }
  if (command !== 'migrate' && command !== 'seed') {
    console.error(usage);
    process.exitCode = 2;
    return;
  }
  // Refuse before touching the database: a production database is not migrated by a seed attempt.
  if (command === 'seed' && config.isProduction) throw new Error('NODE_ENV=production refuses demo data');
  const handle = await openDatabase(config);
  try {
    const applied = await migrateToLatest(handle.db);
    console.log(applied.length ? `applied migrations: ${applied.join(', ')}` : 'database is up to date');
    if (command === 'seed') {
      if (!(await isDatabaseEmpty(handle.db)))
        throw new Error('the database already has users; demo data not loaded');
      await seedDemo(handle.db);
      console.log('demo data loaded; every demo password is "demo"');
    }
  } finally {
    await handle.close();
  }
}

async function runImport(
  config: ReturnType<typeof loadConfig>,
  command: keyof typeof importers,
  file: string | undefined,
) {
  if (!file) {
    console.error(usage);
    process.exitCode = 2;
    return;
  }
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new Error(`cannot read ${file}: ${error.code ?? error.message}`);
  });
  const handle = await openDatabase(config);
  try {
    await migrateToLatest(handle.db);
    const [importer, what] = importers[command];
    const counts: Record<string, number> = await importer({ db: handle.db }, text);
    const { created, ...others } = counts;
    const rest = Object.entries(others).map(([name, n]) => `, ${n} ${name}`);
    console.log(`${file}: imported ${created} ${what}${rest.join('')}`);
  } catch (error) {
    throw new Error(
      `${file}: ${error instanceof Error ? error.message : String(error)}; nothing was imported`,
    );
  } finally {
    await handle.close();
  }
}

async function runIssueToken(
  config: ReturnType<typeof loadConfig>,
  email: string | undefined,
  name?: string,
) {
  if (!email) {
    console.error(usage);
    process.exitCode = 2;
    return;
  }
  const handle = await openDatabase(config);
  try {
    await migrateToLatest(handle.db);
    const token = await issueApiToken(handle.db, email, name ?? 'issued from the command line');
    console.log(token);
  } finally {
    await handle.close();
  }
}

run(process.argv[2]).catch((error: unknown) => {
  console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
