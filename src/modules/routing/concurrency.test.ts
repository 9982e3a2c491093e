import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTestContext } from '../../../test/context.ts';
import { demoJobNumbers, generalCallBackComment } from '../tasks/test-fixtures.ts';

const ctx = await createTestContext();
const jobs = await demoJobNumbers(ctx);
const comment = await generalCallBackComment(ctx);

/** Opens `n` Call Back exceptions at once and returns the assignees in the order they were assigned. */
async function openInParallel(email: string, n: number) {
  const agent = ctx.as(email);
  await agent.get('/api/me'); // sign in once before the burst
  const responses = await Promise.all(
    Array.from({ length: n }, (_, i) =>
      agent.post(`/api/jobs/${jobs[i % jobs.length]}/exceptions`, { type: 'call_back', commentId: comment }),
    ),
  );
  for (const response of responses) assert.equal(response.status, 201, JSON.stringify(response.body));
  const ids = responses.map((r) => r.body.task.id as string);
  // Events are written while the team row is locked, so their order is the order of assignment.
  const events = await ctx.db
    .selectFrom('events')
    .select(['data'])
    .where('type', '=', 'task.created')
    .orderBy('id')
    .execute();
  return events
    .map((e) => e.data as { taskId: string; assigneeId: string })
    .filter((d) => ids.includes(d.taskId))
    .map((d) => d.assigneeId);
}

test('round robin rotates strictly under parallel creation', async () => {
  const order = await openInParallel('agent.east@demo.test', 12);
  assert.equal(order.length, 12);
  const distinct = [...new Set(order)];
  assert.equal(distinct.length, 2);
  for (let i = 1; i < order.length; i++)
    assert.notEqual(order[i], order[i - 1], `positions ${i - 1} and ${i}`);
});

test('least loaded spreads a parallel burst evenly', async () => {
  const order = await openInParallel('agent.west@demo.test', 10);
  const perMember = new Map<string, number>();
  for (const id of order) perMember.set(id, (perMember.get(id) ?? 0) + 1);
  assert.deepEqual([...perMember.values()], [5, 5]);
});
