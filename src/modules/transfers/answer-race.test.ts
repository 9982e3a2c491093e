import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTestContext } from '../../../test/context.ts';
import { addUser, openEscalation } from '../../../test/desk.ts';

const ctx = await createTestContext();

test('twenty desk members answer the same request at once: exactly one wins, the rest get 409', async () => {
  const members = Array.from({ length: 20 }, (_, i) => `racer${i}.east@demo.test`);
  for (const [i, email] of members.entries()) {
    await addUser(ctx.db, {
      email,
      name: `Racer ${i}`,
      role: i % 2 ? 'lead' : 'sme',
      siteSlug: 'east',
      presence: 'available',
    });
  }
  const clients = members.map((email) => ctx.as(email));
  await Promise.all(clients.map((client) => client.get('/api/me'))); // sign everyone in before the race

  const escalationId = await openEscalation(ctx);
  const enqueued = await ctx.as('agent.east@demo.test').post(`/api/escalations/${escalationId}/transfer`, {});
  assert.equal(enqueued.status, 201);
  const transferId = enqueued.body.id;

  const answers = await Promise.all(
    clients.map((client) => client.post(`/api/transfers/${transferId}/answer`, {})),
  );
  const winners = answers.filter((a) => a.status === 200);
  const losers = answers.filter((a) => a.status === 409);
  assert.equal(winners.length, 1, `statuses: ${answers.map((a) => a.status).join(',')}`);
  assert.equal(losers.length, 19);
  assert.ok(losers.every((a) => a.body.code === 'already_answered'));
  assert.equal(winners[0]!.body.brief.job.number, 'J-100100');

  const row = await ctx.db
    .selectFrom('transfer_requests')
    .select(['answered_by', 'status'])
    .where('id', '=', transferId)
    .executeTakeFirstOrThrow();
  assert.equal(row.status, 'answered');
  assert.equal(row.answered_by, winners[0]!.body.answeredBy.id);
  const notes = await ctx.db
    .selectFrom('job_notes')
    .select('id')
    .where('kind', '=', 'transfer.answered')
    .where(({ eb, ref }) => eb(ref('details', '->>').key('transferId'), '=', transferId))
    .execute();
  assert.equal(notes.length, 1);
  const busy = await ctx.db
    .selectFrom('users')
    .select('presence')
    .where('id', '=', row.answered_by!)
    .executeTakeFirstOrThrow();
  assert.equal(busy.presence, 'busy');
});
