import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { test } from 'node:test';
import { createTestContext } from '../../../test/context.ts';
import { postgresUrlOf } from '../../../test/database.ts';
import { findPasswordWeakness } from '../../lib/password-strength.ts';
import { createAdmin } from './create-admin.ts';

const ctx = await createTestContext();

test('weak passwords are named: too short, common, a sequence, the email, too few characters', () => {
  assert.match(findPasswordWeakness('demo')!, /at least 12 characters/);
  assert.match(findPasswordWeakness('Password1234')!, /most common/);
  assert.match(findPasswordWeakness('abcdefghijklmn')!, /most common/);
  assert.match(findPasswordWeakness('maria.lopez-2026!', 'maria.lopez@example.com')!, /email/);
  assert.match(findPasswordWeakness('abababababab')!, /too few different/);
  assert.equal(findPasswordWeakness('correct horse battery staple'), null);
});

test('createAdmin adds an administrator who can sign in, and refuses a weak password or a taken email', async () => {
  const password = 'violet-harbour-tide-41';
  const admin = await createAdmin({ db: ctx.db }, { email: 'Ops.Lead@Example.com', password });
  assert.equal(admin.email, 'ops.lead@example.com');
  const signIn = await ctx.anonymous.post('/api/session', { email: 'ops.lead@example.com', password });
  assert.equal(signIn.status, 200);
  await assert.rejects(
    createAdmin({ db: ctx.db }, { email: 'second@example.com', password: 'short' }),
    /at least 12 characters/,
  );
  await assert.rejects(
    createAdmin({ db: ctx.db }, { email: 'ops.lead@example.com', password }),
    /already exists/,
  );
});

test('`npm run create-admin -- EMAIL` reads the password from stdin', {
  skip: ctx.handle.engine !== 'postgres' && 'a second process needs PostgreSQL',
}, async () => {
  const root = path.resolve(import.meta.dirname, '../../..');
  const child = spawn(process.execPath, ['src/cli.ts', 'create-admin', 'piped@example.com'], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: postgresUrlOf(ctx.handle),
      NODE_ENV: 'production',
      APP_SECRET: 'create-admin-test-secret-of-32-characters',
      PUBLIC_URL: 'https://desk.example.test',
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr.on('data', (chunk) => {
    output += chunk;
  });
  child.stdin.end('amber-lantern-quarry-7\n');
  const [code] = await once(child, 'exit');
  assert.equal(code, 0, output);
  assert.match(output, /created administrator piped@example.com/);
  const signIn = await ctx.anonymous.post('/api/session', {
    email: 'piped@example.com',
    password: 'amber-lantern-quarry-7',
  });
  assert.equal(signIn.status, 200);
});
