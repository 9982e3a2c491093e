import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTestContext } from '../../../test/context.ts';

const ctx = await createTestContext();
const east = ctx.as('agent.east@demo.test');
const west = ctx.as('agent.west@demo.test');
/** Demo job numbers, so each test works on jobs of its own. */
const jobs = (await ctx.db.selectFrom('jobs').select('number').orderBy('number').execute()).map(
  (j) => j.number,
);

async function commentFor(reason: string | null) {
  let query = ctx.db
    .selectFrom('exception_comments as c')
    .innerJoin('exception_types as t', 't.id', 'c.exception_type_id')
    .leftJoin('escalation_reasons as r', 'r.id', 'c.reason_id')
    .select('c.id')
    .where('t.code', '=', 'call_back');
  query = reason ? query.where('r.code', '=', reason) : query.where('c.reason_id', 'is', null);
  return (await query.executeTakeFirstOrThrow()).id;
}

async function userId(email: string) {
  return (await ctx.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow())
    .id;
}

async function rowCounts() {
  const count = async (table: 'exceptions' | 'tasks' | 'job_notes' | 'events') =>
    Number(
      (
        await ctx.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    exceptions: await count('exceptions'),
    tasks: await count('tasks'),
    notes: await count('job_notes'),
    events: await count('events'),
  };
}

test("east agents' Call Back exceptions go to In-house Callbacks, round robin between its two members", async () => {
  const general = await commentFor(null);
  const assignees: string[] = [];
  for (const job of jobs.slice(0, 4)) {
    const response = await east.post(`/api/jobs/${job}/exceptions`, {
      type: 'call_back',
      commentId: general,
    });
    assert.equal(response.status, 201, JSON.stringify(response.body));
    const { exception, task } = response.body;
    assert.equal(exception.type, 'call_back');
    assert.equal(exception.status, 'open');
    assert.equal(exception.jobNumber, job);
    assert.equal(task.type, 'callback');
    assert.equal(task.status, 'not_started');
    assert.equal(task.team.name, 'In-house Callbacks');
    assert.equal(task.team.kind, 'captive');
    assert.equal(task.exceptionId, exception.id);
    assert.equal(task.jobNumber, job);
    assert.ok(task.customerId);
    assert.equal(task.assignee.id, task.assigneeId);
    assignees.push(task.assignee.name);
  }
  const captive = ['Drew Patel', 'Taylor Brooks'];
  assert.ok(captive.includes(assignees[0]!));
  assert.notEqual(assignees[0], assignees[1]);
  assert.equal(assignees[0], assignees[2]);
  assert.equal(assignees[1], assignees[3]);
});

test("west agents' Call Back exceptions go to Acme BPO, to the least loaded member", async () => {
  const general = await commentFor(null);
  const first = await west.post(`/api/jobs/${jobs[4]}/exceptions`, { type: 'call_back', commentId: general });
  const second = await west.post(`/api/jobs/${jobs[5]}/exceptions`, {
    type: 'call_back',
    commentId: general,
  });
  assert.equal(first.status, 201);
  assert.equal(first.body.task.team.name, 'Acme BPO');
  assert.equal(first.body.task.team.kind, 'bpo');
  assert.notEqual(
    first.body.task.assigneeId,
    second.body.task.assigneeId,
    'the second goes to the idle member',
  );

  // Give one member three more open tasks: the next one goes to the other.
  const loaded = await userId('cb.bpo@demo.test');
  const other = await userId('cb.bpo2@demo.test');
  const team = first.body.task.team.id;
  await ctx.db
    .insertInto('tasks')
    .values(
      [1, 2, 3].map((n) => ({
        type: 'callback' as const,
        title: `load ${n}`,
        details: '{}',
        team_id: team,
        assignee_id: loaded,
      })),
    )
    .execute();
  const third = await west.post(`/api/jobs/${jobs[6]}/exceptions`, { type: 'call_back', commentId: general });
  assert.equal(third.body.task.assigneeId, other);
});

test('the exception and its task are notated on the job', async () => {
  const general = await commentFor(null);
  const response = await east.post(`/api/jobs/${jobs[7]}/exceptions`, {
    type: 'call_back',
    commentId: general,
  });
  const job = await east.get(`/api/jobs/${jobs[7]}`);
  const kinds = job.body.notes.map((n: { kind: string }) => n.kind);
  assert.ok(kinds.includes('exception.opened'));
  assert.ok(kinds.includes('task.created'));
  const taskNote = job.body.notes.find((n: { kind: string }) => n.kind === 'task.created');
  assert.match(taskNote.body, /In-house Callbacks/);
  assert.match(taskNote.body, new RegExp(response.body.task.assignee.name));
  assert.equal(job.body.exceptions.at(-1).status, 'open');
});

test('a comment tied to a reason the escalation lacks is refused with 422, and nothing is written', async () => {
  const escalation = await east.post('/api/escalations', {
    jobNumber: jobs[8]!,
    reasons: ['service_delay'],
    summary: 'Waiting three weeks for a part.',
  });
  const before = await rowCounts();
  const wrong = await east.post(`/api/jobs/${jobs[8]}/exceptions`, {
    type: 'call_back',
    commentId: await commentFor('coverage_denial'),
    escalationId: escalation.body.id,
  });
  assert.equal(wrong.status, 422);
  assert.equal(wrong.body.code, 'unprocessable');
  assert.match(wrong.body.detail, /coverage_denial/);
  assert.deepEqual(await rowCounts(), before);

  const right = await east.post(`/api/jobs/${jobs[8]}/exceptions`, {
    type: 'call_back',
    commentId: await commentFor('service_delay'),
    escalationId: escalation.body.id,
  });
  assert.equal(right.status, 201);
  assert.equal(right.body.exception.escalationId, escalation.body.id);
  assert.equal(right.body.task.escalationId, escalation.body.id);
});

test('bad input gets a clear 4xx and writes nothing', async () => {
  const general = await commentFor(null);
  const before = await rowCounts();
  const unknownType = await east.post(`/api/jobs/${jobs[9]}/exceptions`, {
    type: 'lost_parcel',
    commentId: general,
  });
  assert.equal(unknownType.status, 400);
  assert.match(unknownType.body.detail, /lost_parcel/);
  const unknownComment = await east.post(`/api/jobs/${jobs[9]}/exceptions`, {
    type: 'call_back',
    commentId: '00000000-0000-4000-8000-000000000000',
  });
  assert.equal(unknownComment.status, 422);
  assert.match(unknownComment.body.detail, /approved/);
  const notUuid = await east.post(`/api/jobs/${jobs[9]}/exceptions`, { type: 'call_back', commentId: 'x' });
  assert.equal(notUuid.status, 400);
  const extra = await east.post(`/api/jobs/${jobs[9]}/exceptions`, {
    type: 'call_back',
    commentId: general,
    x: 1,
  });
  assert.equal(extra.status, 400);
  const noJob = await east.post('/api/jobs/J-0/exceptions', { type: 'call_back', commentId: general });
  assert.equal(noJob.status, 404);
  const otherJobsEscalation = await east.post('/api/escalations', {
    jobNumber: jobs[10]!,
    reasons: ['service_delay'],
    summary: 'x',
  });
  const afterEscalation = await rowCounts();
  const mismatch = await east.post(`/api/jobs/${jobs[9]}/exceptions`, {
    type: 'call_back',
    commentId: general,
    escalationId: otherJobsEscalation.body.id,
  });
  assert.equal(mismatch.status, 422);
  assert.match(mismatch.body.detail, /not on this job/);
  assert.equal((await rowCounts()).exceptions, before.exceptions);
  assert.deepEqual(await rowCounts(), afterEscalation);
  const forbidden = await ctx.as('cb.bpo@demo.test').post(`/api/jobs/${jobs[9]}/exceptions`, {
    type: 'call_back',
    commentId: general,
  });
  assert.equal(forbidden.status, 403);
});

test('an inactive comment is refused', async () => {
  const comment = await commentFor('unauthorized_work');
  await ctx.db
    .updateTable('exception_comments')
    .set({ is_active: false })
    .where('id', '=', comment)
    .execute();
  const response = await east.post(`/api/jobs/${jobs[11]}/exceptions`, {
    type: 'call_back',
    commentId: comment,
  });
  assert.equal(response.status, 422);
  assert.match(response.body.detail, /no longer/);
  await ctx.db.updateTable('exception_comments').set({ is_active: true }).where('id', '=', comment).execute();
});

test('with no matching rule and no default team, 422 no_route names what is missing and nothing is written', async () => {
  const general = await commentFor(null);
  await ctx.db
    .updateTable('routing_rules')
    .set({ is_active: false })
    .where('match_site_id', 'is not', null)
    .execute();
  const fallback = await east.post(`/api/jobs/${jobs[12]}/exceptions`, {
    type: 'call_back',
    commentId: general,
  });
  assert.equal(fallback.status, 201, 'the default team takes work no rule matches');
  assert.equal(fallback.body.task.team.name, 'In-house Callbacks');

  const setting = await ctx.db
    .deleteFrom('settings')
    .where('key', '=', 'routing.default_team_id')
    .returningAll()
    .executeTakeFirstOrThrow();
  const before = await rowCounts();
  const response = await east.post(`/api/jobs/${jobs[12]}/exceptions`, {
    type: 'call_back',
    commentId: general,
  });
  assert.equal(response.status, 422);
  assert.equal(response.body.code, 'no_route');
  assert.match(response.body.detail, /routing\.default_team_id/);
  assert.deepEqual(await rowCounts(), before, 'never a half-written exception');

  await ctx.db
    .insertInto('settings')
    .values({ key: setting.key, value: JSON.stringify(setting.value) })
    .execute();
  await ctx.db.updateTable('routing_rules').set({ is_active: true }).execute();
});
