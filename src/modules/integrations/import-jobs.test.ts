import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTestContext } from '../../../test/context.ts';
import { importJobs } from './import-jobs.ts';

const ctx = await createTestContext();
const header =
  'externalNumber,customerExternalId,customerName,customerPhone,customerEmail,customerTimeZone,product,status';

const countJobs = async (prefix: string) =>
  (
    await ctx.db
      .selectFrom('jobs')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('number', 'like', `${prefix}%`)
      .executeTakeFirstOrThrow()
  ).n;

test('a CSV with bad rows names each by line and writes nothing', async () => {
  const text = [
    header,
    'CSV-1,CC-1,Ana Silva,(555) 410-0001,ana@example.test,America/New_York,Washer,scheduled',
    'CSV-2,CC-2,Bo Chen,12,bo@example.test,America/Chicago,Dryer,scheduled',
    'CSV-3,CC-3,Cy Diaz,555 410 0003,not-an-email,Mars/Base,Oven,scheduled',
    'CSV-1,CC-4,Di Evans,5554100004,,America/Denver,Fridge,open',
    'CSV-5,CC-5,"Eve, the second",+1 555 410 0005,,America/Los_Angeles,Range,open',
  ].join('\n');
  await assert.rejects(importJobs(ctx.deps, text), (error: Error) => {
    assert.match(error.message, /^3 bad row\(s\)/);
    assert.match(error.message, /line 3: \/customer\/phone/);
    assert.match(error.message, /line 4: \/customer\/email: .*\/customer\/timeZone/);
    assert.match(error.message, /line 5: job CSV-1 is also line 2/);
    assert.doesNotMatch(error.message, /line (2|6):/);
    return true;
  });
  assert.equal(await countJobs('CSV-'), 0);
  const customers = await ctx.db
    .selectFrom('customers')
    .select('id')
    .where('external_id', 'like', 'CC-%')
    .execute();
  assert.equal(customers.length, 0);
});

test('a good CSV loads every job; loading it again changes nothing', async () => {
  const text = [
    header,
    'CSV-1,CC-1,Ana Silva,(555) 410-0001,ana@example.test,America/New_York,Washer,scheduled',
    'CSV-2,CC-1,Ana Silva,(555) 410-0001,ana@example.test,America/New_York,Dryer,scheduled',
    'CSV-3,CC-3,"Cy ""the fixer"" Diaz",555 410 0003,,America/Chicago,Oven,open',
  ].join('\r\n');
  assert.deepEqual(await importJobs(ctx.deps, text), { created: 3, updated: 0, unchanged: 0 });
  assert.deepEqual(await importJobs(ctx.deps, text), { created: 0, updated: 0, unchanged: 3 });
  const cy = await ctx.db
    .selectFrom('customers')
    .selectAll()
    .where('external_id', '=', 'CC-3')
    .executeTakeFirstOrThrow();
  assert.equal(cy.name, 'Cy "the fixer" Diaz');
  assert.equal(cy.phone, '+15554100003');
  assert.equal(cy.email, null);
});

test('a missing column is named on line 1', async () => {
  await assert.rejects(importJobs(ctx.deps, 'externalNumber,product\nX,Y'), /line 1: missing column/);
});
