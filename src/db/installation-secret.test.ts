import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTestContext } from '../../test/context.ts';
import { ConfigError, loadConfig } from '../config.ts';
import { signPayload } from '../lib/tokens.ts';
import { createTestDatabase } from '../../test/database.ts';
import { book, escalationReadyToBook, tokenOf } from '../modules/booking/test-helpers.ts';
import { installationSecretKey, loadInstallationSecret, withSigningSecret } from './installation-secret.ts';

const ctx = await createTestContext();

test('without APP_SECRET each installation makes its own secret once and keeps it', async () => {
  assert.equal(loadConfig({}).secret, '', 'no constant in the source');
  const first = await loadInstallationSecret(ctx.db);
  assert.ok(first.length >= 32);
  assert.equal(await loadInstallationSecret(ctx.db), first, 'a restart (or a second process) reads the same');
  assert.equal(ctx.deps.config.secret, first, 'the app signs with it');
  const other = await createTestDatabase();
  try {
    assert.notEqual(await loadInstallationSecret(other.db), first, 'another installation has another');
  } finally {
    await other.close();
  }
  const row = await ctx.db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', installationSecretKey)
    .executeTakeFirstOrThrow();
  assert.equal(row.value, first);
});

test('APP_SECRET wins over the installation secret; production requires it', async () => {
  const secret = 'x'.repeat(40);
  assert.equal((await withSigningSecret(loadConfig({ APP_SECRET: secret }), ctx.db)).secret, secret);
  assert.throws(() => loadConfig({ NODE_ENV: 'production' }), ConfigError);
  assert.throws(() => loadConfig({ APP_SECRET: 'short' }), /at least 32/);
  assert.equal(loadConfig({ NODE_ENV: 'production', APP_SECRET: secret }).secret, secret);
});

test('a manage link signed with the old development constant, or with junk appended, is refused', async () => {
  const booked = await book(ctx, await escalationReadyToBook(ctx), '2026-11-30T09:00:00-05:00');
  assert.equal(booked.status, 201);
  const token = tokenOf(booked.body.confirmation.manageUrl);
  assert.equal((await ctx.anonymous.get(`/manage/${token}`)).status, 200);
  const payload = JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString());
  const forged = signPayload('escalation-desk-development-secret', payload);
  for (const bad of [forged, `${token}.xyz`, `${token}=`, `${token}xyz`]) {
    const page = await ctx.anonymous.get(`/manage/${bad}`);
    assert.equal(page.status, 403, bad);
    assert.match(page.body, /This link is not valid/);
  }
});
