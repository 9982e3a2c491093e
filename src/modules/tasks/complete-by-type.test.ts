import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTestContext } from '../../../test/context.ts';
import { demoJobNumbers, openCallBackTask, resolutionReasonId, userIdOf } from './test-fixtures.ts';

// Completion by task type: Tier 2 records take a Tier 2 resolution type, purchasing requests take
// Purchasing's answer, which goes to the job's timeline and to the person who asked.

const ctx = await createTestContext();
const jobs = await demoJobNumbers(ctx);
const tier2 = ctx.as('tier2@demo.test');
const purchasing = ctx.as('purchasing@demo.test');
const admin = ctx.as('admin@demo.test');

async function tier2TypeId(code: string) {
  const row = await ctx.db
    .selectFrom('tier2_resolution_types')
    .select('id')
    .where('code', '=', code)
    .executeTakeFirstOrThrow();
  return row.id;
}

async function openTier2Record(jobNumber: string) {
  const response = await tier2.post('/api/tasks', {
    type: 'tier2_record',
    jobNumber,
    escalationType: 'service_delay',
    resolution: 'Expedited the part.',
  });
  assert.equal(response.status, 201, JSON.stringify(response.body));
  return response.body as { id: string; version: number };
}

async function openPurchasingRequest(jobNumber: string) {
  const response = await tier2.post('/api/tasks', {
    type: 'purchasing',
    jobNumber,
    orderNumber: 'PO-7781',
    part: 'Compressor relay',
    question: 'When does the relay ship?',
  });
  assert.equal(response.status, 201, JSON.stringify(response.body));
  return response.body as { id: string; version: number; createdById: string };
}

test('everyone signed in reads the Tier 2 resolution types; admins extend the list', async () => {
  const list = await ctx.as('cb.bpo@demo.test').get('/api/tier2-resolution-types');
  assert.equal(list.status, 200);
  const codes = list.body.items.map((t: { code: string }) => t.code);
  assert.ok(codes.includes('resolved_by_tier2') && codes.includes('sent_to_tier3'), codes.join());
  assert.ok(!codes.includes('resolved_on_call'), 'callback reasons are another list');
  assert.equal((await ctx.anonymous.get('/api/tier2-resolution-types')).status, 401);

  const added = await admin.post('/api/admin/tier2-resolution-types', {
    code: 'warranty_clarified',
    label: 'Warranty terms clarified',
  });
  assert.equal(added.status, 201, JSON.stringify(added.body));
  const after = await tier2.get('/api/tier2-resolution-types');
  assert.ok(after.body.items.some((t: { label: string }) => t.label === 'Warranty terms clarified'));
  const retired = await admin.patch(`/api/admin/tier2-resolution-types/${added.body.id}`, {
    isActive: false,
  });
  assert.equal(retired.status, 200);
  const last = await tier2.get('/api/tier2-resolution-types');
  assert.ok(!last.body.items.some((t: { code: string }) => t.code === 'warranty_clarified'));
  assert.equal((await tier2.get('/api/admin/tier2-resolution-types')).status, 403);
});

test('a Tier 2 record is completed with a Tier 2 resolution type, shown like any resolution', async () => {
  const record = await openTier2Record(jobs[0]!);
  const typeId = await tier2TypeId('service_rescheduled');
  const done = await tier2.post(`/api/tasks/${record.id}/complete`, { tier2ResolutionTypeId: typeId });
  assert.equal(done.status, 200, JSON.stringify(done.body));
  assert.equal(done.body.status, 'completed');
  assert.deepEqual(
    { reasonId: done.body.resolution.reasonId, code: done.body.resolution.code },
    { reasonId: typeId, code: 'service_rescheduled' },
  );
  assert.equal(done.body.resolution.label, 'Service provider visit rescheduled');
  const stored = await ctx.db
    .selectFrom('tasks')
    .select(['resolution_reason_id', 'tier2_resolution_type_id'])
    .where('id', '=', record.id)
    .executeTakeFirstOrThrow();
  assert.deepEqual(stored, { resolution_reason_id: null, tier2_resolution_type_id: typeId });
  const job = await tier2.get(`/api/jobs/${jobs[0]}`);
  assert.ok(
    job.body.notes.some(
      (n: { kind: string; body: string }) =>
        n.kind === 'task.completed' && n.body.includes('Service provider visit rescheduled'),
    ),
  );
});

test('a callback reason on a Tier 2 record, or a Tier 2 type on a callback, is refused by name', async () => {
  const record = await openTier2Record(jobs[1]!);
  const callbackReason = await resolutionReasonId(ctx, 'resolved_on_call');
  const tier2Type = await tier2TypeId('resolved_by_tier2');

  const reasonField = await tier2.post(`/api/tasks/${record.id}/complete`, {
    resolutionReasonId: callbackReason,
  });
  assert.equal(reasonField.status, 400);
  assert.equal(reasonField.body.code, 'wrong_resolution_kind');
  assert.equal(reasonField.body.field, 'tier2ResolutionTypeId');
  // The right field with an id from the other list is the same mistake.
  const reasonId = await tier2.post(`/api/tasks/${record.id}/complete`, {
    tier2ResolutionTypeId: callbackReason,
  });
  assert.equal(reasonId.status, 400);
  assert.equal(reasonId.body.code, 'wrong_resolution_kind');
  const none = await tier2.post(`/api/tasks/${record.id}/complete`, {});
  assert.equal(none.status, 400);
  assert.equal(none.body.code, 'validation_failed');
  assert.equal((await tier2.get(`/api/tasks/${record.id}`)).body.status, 'not_started');

  const callback = await openCallBackTask(ctx, 'agent.east@demo.test', jobs[2]!);
  const worker = ctx.as(
    (
      await ctx.db
        .selectFrom('users')
        .select('email')
        .where('id', '=', callback.assignee.id)
        .executeTakeFirstOrThrow()
    ).email,
  );
  for (const body of [{ tier2ResolutionTypeId: tier2Type }, { resolutionReasonId: tier2Type }]) {
    const refused = await worker.post(`/api/tasks/${callback.id}/complete`, body);
    assert.equal(refused.status, 400, JSON.stringify(body));
    assert.equal(refused.body.code, 'wrong_resolution_kind');
    assert.equal(refused.body.field, 'resolutionReasonId');
  }
  const unknown = await worker.post(`/api/tasks/${callback.id}/complete`, {
    resolutionReasonId: '00000000-0000-4000-8000-000000000000',
  });
  assert.equal(unknown.status, 422);
  const done = await worker.post(`/api/tasks/${callback.id}/complete`, {
    resolutionReasonId: callbackReason,
  });
  assert.equal(done.status, 200);
});

test("completing a purchasing request needs Purchasing's answer; nothing is written without it", async () => {
  const request = await openPurchasingRequest(jobs[3]!);
  const reason = await resolutionReasonId(ctx, 'resolved_on_call');
  const mailBefore = await ctx.db.selectFrom('outbound_messages').select('id').execute();
  for (const body of [{ resolutionReasonId: reason }, { resolutionReasonId: reason, answer: '   ' }]) {
    const refused = await purchasing.post(`/api/tasks/${request.id}/complete`, body);
    assert.equal(refused.status, 400, JSON.stringify(refused.body));
    assert.equal(refused.body.field, 'answer');
  }
  assert.equal((await purchasing.get(`/api/tasks/${request.id}`)).body.status, 'not_started');
  assert.equal(
    (await ctx.db.selectFrom('outbound_messages').select('id').execute()).length,
    mailBefore.length,
  );

  const record = await openTier2Record(jobs[3]!);
  const tier2Type = await tier2TypeId('resolved_by_tier2');
  const stray = await tier2.post(`/api/tasks/${record.id}/complete`, {
    tier2ResolutionTypeId: tier2Type,
    answer: 'x',
  });
  assert.equal(stray.status, 400);
  assert.equal(stray.body.field, 'answer');
});

test("Purchasing's answer goes on the job's timeline and to the requester by mail, live event and notification, with the completion", async () => {
  const request = await openPurchasingRequest(jobs[4]!);
  const requesterId = await userIdOf(ctx, 'tier2@demo.test');
  assert.equal(request.createdById, requesterId);
  const answer = 'The relay ships Thursday from the Dallas warehouse; tracking follows by mail.';
  const done = await purchasing.post(`/api/tasks/${request.id}/complete`, {
    resolutionReasonId: await resolutionReasonId(ctx, 'resolved_on_call'),
    answer: `  ${answer} `,
  });
  assert.equal(done.status, 200, JSON.stringify(done.body));
  assert.equal(done.body.details.answer, answer);

  const job = await tier2.get(`/api/jobs/${jobs[4]}`);
  const note = job.body.notes.find((n: { kind: string }) => n.kind === 'purchasing.answered');
  assert.ok(note, 'the answer is on the job');
  assert.ok(note.body.includes(answer) && note.body.includes('Harper Scott'), note.body);

  const mail = await ctx.db
    .selectFrom('outbound_messages')
    .select(['to_address', 'subject', 'text_body', 'purpose'])
    .where('related_id', '=', request.id)
    .execute();
  assert.equal(mail.length, 1);
  assert.equal(mail[0]!.to_address, 'tier2@demo.test');
  assert.equal(mail[0]!.purpose, 'purchasing_answer');
  assert.ok(mail[0]!.text_body.includes(answer));
  assert.ok(mail[0]!.text_body.includes('When does the relay ship?'));
  assert.match(mail[0]!.subject, /PO-7781/);
  const delivery = await ctx.db
    .selectFrom('timers')
    .select('kind')
    .where('kind', '=', 'mail.deliver')
    .where(({ ref }) => ref('payload', '->>').key('messageId' as never), 'is not', null)
    .execute();
  assert.ok(delivery.length >= 1, 'the mail waits for the outbox runner');

  const events = await ctx.db
    .selectFrom('events')
    .select(['user_ids', 'team_id', 'roles', 'data'])
    .where('type', '=', 'purchasing.answered')
    .execute();
  assert.equal(events.length, 1);
  assert.deepEqual(events[0]!.user_ids, [requesterId]);
  assert.equal(events[0]!.team_id, null, 'only the requester hears it');
  assert.equal((events[0]!.data as { taskId: string }).taskId, request.id);

  const inbox = await tier2.get('/api/notifications');
  assert.equal(inbox.status, 200);
  const kept = inbox.body.items.find((n: { kind: string }) => n.kind === 'purchasing.answered');
  assert.ok(kept, 'the answer waits in the requester’s notification centre until read');
  assert.equal(kept.body, answer);
  assert.equal(kept.readAt, null);
});
