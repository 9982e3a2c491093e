// `npm test`: typecheck, lint, then the whole suite on PGlite and again on PostgreSQL, each test file
// in its own database copied from a template migrated and seeded once per pass; then browser journeys.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { openPglite, openPostgres } from '../src/db/client.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { seedDemo } from '../src/seed/seed-demo.ts';

const root = path.resolve(import.meta.dirname, '..');
const tmp = path.join(root, '.test-tmp');
mkdirSync(tmp, { recursive: true });
// Every test file is a process of its own that loads the app's TypeScript again: Node's compile
// cache keeps the stripped and compiled modules between them (about 0.3 s of each file's start).
process.env.NODE_COMPILE_CACHE ??= path.join(tmp, 'compile-cache');
const engines = (process.env.TEST_ENGINES ?? 'pglite,postgres').split(',');
const pgUrl = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const filter = process.argv.slice(2);
const totals = { pass: 0, fail: 0, skipped: 0 };

function run(command: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status ?? 1;
}

function step(name: string, status: number) {
  if (status !== 0) {
    console.error(`\n${name} failed`);
    console.log(`${totals.pass} passed, ${totals.fail + 1} failed`);
    process.exit(1);
  }
}

function testFiles(kind: 'unit' | 'e2e'): string[] {
  if (filter.length) return filter;
  return kind === 'e2e' ? ['e2e/**/*.test.ts'] : ['src/**/*.test.ts', 'test/**/*.test.ts'];
}

function runPass(label: string, files: string[], env: NodeJS.ProcessEnv) {
  console.log(`\n=== ${label} ===`);
  const tapFile = path.join(tmp, `${label.replace(/\W+/g, '-')}.tap`);
  const status = run(
    process.execPath,
    [
      '--test',
      '--test-concurrency=2',
      '--test-timeout=120000',
      '--test-reporter=spec',
      '--test-reporter-destination=stdout',
      '--test-reporter=tap',
      `--test-reporter-destination=${tapFile}`,
      ...files,
    ],
    env,
  );
  const tap = existsSync(tapFile) ? readFileSync(tapFile, 'utf8') : '';
  const count = (name: string) => Number(new RegExp(`^# ${name} (\\d+)`, 'm').exec(tap)?.[1] ?? 0);
  totals.pass += count('pass');
  totals.fail += count('fail') + count('cancelled');
  totals.skipped += count('skipped');
  if (status !== 0 && count('fail') + count('cancelled') === 0) totals.fail += 1;
  return status;
}

async function pgliteTemplate(): Promise<string> {
  const handle = await openPglite(undefined);
  await migrateToLatest(handle.db);
  await seedDemo(handle.db);
  const dump = await handle.pglite!.dumpDataDir('gzip');
  const file = path.join(tmp, 'pglite-template.tar.gz');
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  await handle.close();
  return file;
}

/** A migrated, seeded PGlite folder the journeys' servers start from (each on its own copy). */
async function journeyDataTemplate(): Promise<string> {
  const folder = path.join(tmp, 'e2e-data-template');
  rmSync(folder, { recursive: true, force: true });
  const handle = await openPglite(folder);
  await migrateToLatest(handle.db);
  await seedDemo(handle.db);
  await handle.close();
  return folder;
}

async function postgresTemplate(): Promise<{ name: string; drop(): Promise<void> }> {
  const name = `ed_tmpl_${process.pid}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: pgUrl });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(`PostgreSQL is not reachable at ${pgUrl}: ${(error as Error).message}`);
  }
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(pgUrl);
  url.pathname = `/${name}`;
  const handle = await openPostgres(url.toString());
  await migrateToLatest(handle.db);
  await seedDemo(handle.db);
  await handle.close();
  return {
    name,
    async drop() {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

const bin = (name: string) => path.join(root, 'node_modules', '.bin', name);
if (!filter.length) {
  step('typecheck', run(bin('tsc'), ['--noEmit']));
  step('typecheck (web)', run(bin('tsc'), ['--noEmit', '-p', 'web']));
  step('lint', run(bin('biome'), ['check', '.']));
  step(
    'API types (web/src/api/schema.d.ts)',
    run(process.execPath, ['scripts/generate-api-types.ts', '--check']),
  );
}
const runsJourneys = filter.length
  ? filter.some((f) => f.startsWith('e2e'))
  : existsSync(path.join(root, 'e2e')) && process.env.TEST_E2E !== '0';
if (runsJourneys) {
  step('build web', run(process.execPath, ['scripts/build-web.ts', '--if-stale']));
  process.env.E2E_DATA_TEMPLATE = await journeyDataTemplate();
}

let failed = false;
if (engines.includes('pglite')) {
  const template = await pgliteTemplate();
  failed =
    runPass('PGlite', testFiles('unit'), { TEST_ENGINE: 'pglite', TEST_PGLITE_TEMPLATE: template }) !== 0 ||
    failed;
}
if (engines.includes('postgres')) {
  const template = await postgresTemplate();
  try {
    failed =
      runPass('PostgreSQL', testFiles('unit'), {
        TEST_ENGINE: 'postgres',
        TEST_PG_URL: pgUrl,
        TEST_PG_TEMPLATE: template.name,
      }) !== 0 || failed;
  } finally {
    await template.drop();
  }
}
if (!filter.length && runsJourneys) {
  failed = runPass('Browser journeys', testFiles('e2e'), {}) !== 0 || failed;
}

console.log(
  `\n${totals.pass} passed, ${totals.fail} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`,
);
process.exit(failed ? 1 : 0);
