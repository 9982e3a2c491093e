import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTestContext } from '../../../test/context.ts';

const ctx = await createTestContext();
const agent = ctx.as('agent.east@demo.test');

type Found = { number: string; customerName: string };
const numbersOf = (body: { items: Found[] }) => body.items.map((job) => job.number);

test('a job number without its prefix finds the job', async () => {
  for (const q of ['100240', 'j100240', 'J 100240', 'J-100240']) {
    const response = await agent.get(`/api/jobs?q=${encodeURIComponent(q)}`);
    assert.equal(response.status, 200, q);
    assert.deepEqual(numbersOf(response.body), ['J-100240'], q);
  }
});

test('a partial number finds the jobs it begins', async () => {
  const response = await agent.get('/api/jobs?q=10024');
  const numbers = numbersOf(response.body);
  assert.ok(numbers.includes('J-100240'));
  assert.ok(
    numbers.every((n) => n.startsWith('J-10024')),
    numbers.join(', '),
  );
});

test("the console's example (J-100100 or Garcia) finds something in the demo data", async () => {
  const byNumber = await agent.get('/api/jobs?q=J-100100');
  assert.deepEqual(numbersOf(byNumber.body), ['J-100100']);
  const byName = await agent.get('/api/jobs?q=Garcia');
  assert.ok(byName.body.items.some((job: Found) => job.customerName === 'Maria Garcia'));
});

test('a callback worker finds by number only the jobs their team works (walls hold)', async () => {
  const response = await ctx.as('cb.bpo@demo.test').get('/api/jobs?q=100240');
  assert.equal(response.status, 200);
  assert.deepEqual(response.body.items, []);
});
