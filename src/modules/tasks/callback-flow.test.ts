import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTestContext } from '../../../test/context.ts';
import { demoJobNumbers } from './test-fixtures.ts';

const ctx = await createTestContext();
const jobs = await demoJobNumbers(ctx);

const emailOf = async (userId: string) =>
  (await ctx.db.selectFrom('users').select('email').where('id', '=', userId).executeTakeFirstOrThrow()).email;

for (const [site, agentEmail, teamName, job] of [
  ['east', 'agent.east@demo.test', 'In-house Callbacks', jobs[0]!],
  ['west', 'agent.west@demo.test', 'Acme BPO', jobs[1]!],
] as const) {
  test(`${site}: escalation → Call Back exception → ${teamName} task → worked → completed, on the job timeline`, async () => {
    const agent = ctx.as(agentEmail);
    const escalation = await agent.post('/api/escalations', {
      jobNumber: job,
      reasons: ['replacement_dispute'],
      summary: 'Customer refuses the offered replacement model.',
    });
    assert.equal(escalation.status, 201);
    const comments = await agent.get('/api/exception-comments?type=call_back');
    assert.equal(comments.status, 200);
    const comment = comments.body.items.find(
      (c: { reasonCode: string | null }) => c.reasonCode === 'replacement_dispute',
    );
    assert.ok(comment);

    const opened = await agent.post(`/api/jobs/${job}/exceptions`, {
      type: 'call_back',
      commentId: comment.id,
      escalationId: escalation.body.id,
    });
    assert.equal(opened.status, 201);
    const task = opened.body.task;
    assert.equal(task.team.name, teamName);
    assert.ok(task.assigneeId);

    const worker = ctx.as(await emailOf(task.assigneeId));
    const mine = await worker.get('/api/tasks?assignee=me&status=open');
    assert.ok(mine.body.items.some((t: { id: string }) => t.id === task.id));
    const board = await worker.get('/api/tasks/counts?assignee=me');
    assert.ok(board.body.counts.not_started >= 1);

    assert.equal((await worker.patch(`/api/tasks/${task.id}`, { status: 'in_progress' })).status, 200);
    const research = await worker.get(`/api/jobs/${job}`);
    assert.equal(research.status, 200);
    assert.ok(research.body.parts.length >= 1);

    const reasons = await worker.get('/api/resolution-reasons');
    const reason = reasons.body.items.find((r: { code: string }) => r.code === 'replacement_approved');
    const done = await worker.post(`/api/tasks/${task.id}/complete`, {
      resolutionReasonId: reason.id,
      note: 'Approved the customer’s preferred model.',
    });
    assert.equal(done.status, 200);
    assert.equal(done.body.status, 'completed');

    const timeline = await agent.get(`/api/jobs/${job}`);
    const kinds = timeline.body.notes.map((n: { kind: string }) => n.kind);
    const order = [
      'escalation.created',
      'exception.opened',
      'task.created',
      'task.updated',
      'exception.closed',
      'task.completed',
    ];
    const positions = order.map((kind) => kinds.lastIndexOf(kind));
    assert.ok(
      positions.every((p: number) => p >= 0),
      kinds.join(','),
    );
    assert.deepEqual(
      positions,
      [...positions].sort((a, b) => a - b),
    );
    assert.equal(
      timeline.body.exceptions.find((e: { id: string }) => e.id === opened.body.exception.id).status,
      'closed',
    );
  });
}
