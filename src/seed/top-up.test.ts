import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTestContext } from '../../test/context.ts';
import { demoTier2ResolutionTypes } from './demo-data.ts';
import { topUpDemoLists } from './seed-demo.ts';

const ctx = await createTestContext();
const tier2Codes = async () =>
  (await ctx.db.selectFrom('tier2_resolution_types').select('code').orderBy('code').execute()).map(
    (r) => r.code,
  );

test('a demo made before Tier 2 resolution types gets them at start, once; Tier 2 can then complete', async () => {
  assert.deepEqual(await topUpDemoLists(ctx.db), [], 'a current demo is left alone');
  // A demo folder from before migration 0027: the table exists, empty.
  await ctx.db.deleteFrom('tier2_resolution_types').execute();
  assert.deepEqual(await topUpDemoLists(ctx.db), ['Tier 2 resolution types']);
  assert.deepEqual(await tier2Codes(), demoTier2ResolutionTypes.map(([code]) => code).sort());
  assert.deepEqual(await topUpDemoLists(ctx.db), [], 'a second start adds nothing');
  const listed = await ctx.as('tier2@demo.test').get('/api/tier2-resolution-types');
  assert.equal(listed.status, 200);
  assert.equal(listed.body.items.length, demoTier2ResolutionTypes.length);
});

test('a list an admin has entries in is never filled up', async () => {
  await ctx.db.deleteFrom('tier2_resolution_types').where('code', '!=', 'resolved_by_tier2').execute();
  assert.deepEqual(await topUpDemoLists(ctx.db), []);
  assert.deepEqual(await tier2Codes(), ['resolved_by_tier2']);
});
