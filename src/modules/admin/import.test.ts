import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { createTestContext } from '../../../test/context.ts';
import { postgresUrlOf } from '../../../test/database.ts';
import { importRules } from './import-rules.ts';
import { importUsers } from './import-users.ts';

const ctx = await createTestContext();

async function countOf(table: 'users' | 'routing_rules') {
  const row = await ctx.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

test('users are imported with site, team and a supervisor defined earlier in the file', async () => {
  const csv = [
    'email,name,role,password,site,team,supervisor',
    'boss.north@demo.test,"Nour, Boss",supervisor,long password,east,,',
    'agent.north@demo.test,Nils Agent,agent,another password,east,,BOSS.NORTH@demo.test',
    'cb.north@demo.test,Cora Callback,callback_agent,,,Acme BPO,',
  ].join('\r\n');
  assert.deepEqual(await importUsers(ctx.deps, csv), { created: 3 });
  const users = await ctx.db
    .selectFrom('users as u')
    .leftJoin('users as s', 's.id', 'u.supervisor_id')
    .leftJoin('teams as t', 't.id', 'u.team_id')
    .select(['u.email', 'u.name', 's.email as supervisor', 't.name as team', 'u.password_hash'])
    .where('u.email', 'like', '%.north@demo.test')
    .orderBy('u.email')
    .execute();
  assert.deepEqual(
    users.map((u) => [u.email, u.name, u.supervisor, u.team, u.password_hash !== null]),
    [
      ['agent.north@demo.test', 'Nils Agent', 'boss.north@demo.test', null, true],
      ['boss.north@demo.test', 'Nour, Boss', null, null, true],
      ['cb.north@demo.test', 'Cora Callback', null, 'Acme BPO', false],
    ],
  );
  const signIn = await ctx.anonymous.post('/api/session', {
    email: 'agent.north@demo.test',
    password: 'another password',
  });
  assert.equal(signIn.status, 200);
});

test('one bad user row aborts the whole file with its line number', async () => {
  const before = await countOf('users');
  const cases: [string, RegExp][] = [
    ['ok.one@demo.test,One,agent,,east,,\nnope,Two,agent,,,,', /line 3: "nope" is not an email/],
    ['ok.one@demo.test,One,agent,,east,,\nok.two@demo.test,Two,king,,,,', /line 3: role "king"/],
    ['ok.one@demo.test,One,agent,,mars,,', /line 2: site "mars" does not exist/],
    ['ok.one@demo.test,One,agent,,,Nobody,', /line 2: team "Nobody" does not exist/],
    ['ok.one@demo.test,One,agent,,,,ghost@demo.test', /line 2: supervisor "ghost@demo.test"/],
    ['ok.one@demo.test,One,agent,short,,,', /line 2: password is shorter/],
    ['ok.one@demo.test,One,agent,,,,\nagent.east@demo.test,Dup,agent,,,,', /line 3: .*already exists/],
    ['ok.one@demo.test,One,agent,,,,\nOK.ONE@demo.test,Dup,agent,,,,', /line 3: .*already exists/],
    [
      // Passwords are hashed several at a time; the earliest bad line is still the one reported.
      [
        'a1@demo.test,A,agent,password one,,,',
        'a2@demo.test,A,agent,password two,,,',
        'a3@demo.test,A,agent,short,,,',
        'a4@demo.test,A,agent,password four,,,',
        'bad-email,A,agent,password five,,,',
      ].join('\n'),
      /^ImportError: line 4: password is shorter/,
    ],
  ];
  for (const [rows, message] of cases) {
    await assert.rejects(
      importUsers(ctx.deps, `email,name,role,password,site,team,supervisor\n${rows}`),
      message,
    );
  }
  assert.equal(await countOf('users'), before);
});

test('routing rules are imported by names and codes, appended after the existing ones', async () => {
  const csv = [
    'team,position,task_type,exception_type,match_user,match_site,match_team,assignee',
    'Tier 3,,tier3,,,west,,tier3.b@demo.test',
    'Acme BPO,5,,call_back,agent.east@demo.test,,,',
  ].join('\n');
  const top = await ctx.db
    .selectFrom('routing_rules')
    .select((eb) => eb.fn.max<number>('position').as('p'))
    .executeTakeFirstOrThrow();
  assert.deepEqual(await importRules(ctx.deps, csv), { created: 2 });
  const rules = await ctx.as('admin@demo.test').get('/api/admin/routing-rules');
  const first = rules.body.items[0];
  assert.equal(first.position, 5);
  assert.equal(first.teamName, 'Acme BPO');
  assert.ok(first.matchUserId && first.exceptionTypeId);
  const last = rules.body.items.at(-1);
  assert.equal(last.position, Number(top.p) + 10);
  assert.equal(last.taskType, 'tier3');
});

test('one bad rule row aborts the whole file with its line number', async () => {
  const before = await countOf('routing_rules');
  const header = 'team,position,task_type,exception_type,match_user,match_site,match_team,assignee';
  const cases: [string, RegExp][] = [
    ['Tier 2,,,,,,,\nNobody,,,,,,,', /line 3: team "Nobody" does not exist/],
    ['Tier 2,first,,,,,,', /line 2: position "first"/],
    ['Tier 2,,chores,,,,,', /line 2: task_type "chores"/],
    ['Tier 2,,,parts,,,,', /line 2: exception_type "parts"/],
    ['Tier 2,,,,ghost@demo.test,,,', /line 2: match_user "ghost@demo.test"/],
    ['Tier 2,,,,,mars,,', /line 2: match_site "mars"/],
    ['Tier 2,,,,,,,exec@demo.test', /line 2: assigneeId: .*not a member/],
  ];
  for (const [rows, message] of cases) {
    await assert.rejects(importRules(ctx.deps, `${header}\n${rows}`), message);
  }
  await assert.rejects(importRules(ctx.deps, 'team,colour\nTier 2,red'), /line 1: unknown column "colour"/);
  assert.equal(await countOf('routing_rules'), before);
});

test('the CLI imports a file, and exits non-zero naming the bad line', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'ed-import-'));
  try {
    const url = postgresUrlOf(ctx.handle);
    // On PostgreSQL the CLI imports into this file's database; on PGlite into a fresh data folder.
    const env = { ...process.env, ...(url ? { DATABASE_URL: url } : { DATA_DIR: path.join(dir, 'data') }) };
    const good = path.join(dir, 'good.csv');
    writeFileSync(good, 'email,name,role,password\ncli.user@demo.test,Cli User,agent,cli password\n');
    const ok = spawnSync(process.execPath, ['src/cli.ts', 'import-users', good], { env, encoding: 'utf8' });
    assert.equal(ok.status, 0, ok.stderr);
    assert.match(ok.stdout, /imported 1 users/);

    const bad = path.join(dir, 'bad.csv');
    writeFileSync(bad, 'email,name,role\ncli.two@demo.test,Two,agent\ncli.three@demo.test,Three,wizard\n');
    const failed = spawnSync(process.execPath, ['src/cli.ts', 'import-users', bad], {
      env,
      encoding: 'utf8',
    });
    assert.equal(failed.status, 1);
    assert.match(failed.stderr, /line 3: role "wizard"/);
    assert.match(failed.stderr, /nothing was imported/);

    const missing = spawnSync(process.execPath, ['src/cli.ts', 'import-rules'], { env, encoding: 'utf8' });
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /import-rules FILE/);
    if (url) {
      const rows = await ctx.db.selectFrom('users').select('email').where('email', 'like', 'cli.%').execute();
      assert.deepEqual(
        rows.map((r) => r.email),
        ['cli.user@demo.test'],
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
