import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { Webhook } from 'standardwebhooks';
import { createTestContext } from '../../../test/context.ts';
import { isPrivateAddress } from './address.ts';
import { nextAttemptAt, runDueDeliveries, startWebhookRunner } from './deliver.ts';
import { forgetOldDeliveries } from './service.ts';

const ctx = await createTestContext();
const admin = ctx.as('admin@demo.test');
const agent = ctx.as('agent.east@demo.test');
ctx.deps.config.webhookAllowPrivate = true;
ctx.deps.config.webhookTimeoutMs = 800;
// Receivers check the signature's timestamp against their own clock: run on real time.
ctx.clock.set(new Date());

type Received = { headers: IncomingMessage['headers']; body: string };
type Answer = (received: Received) => Promise<number> | number;

/** A loopback receiver that records what it got and answers as `answer` says (200 unless told). */
async function startReceiver(port = 0) {
  const received: Received[] = [];
  let answer: Answer = () => 200;
  const server: Server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const entry = { headers: request.headers, body: Buffer.concat(chunks).toString() };
    received.push(entry);
    const status = await answer(entry);
    if (!response.destroyed) response.writeHead(status).end();
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}/hook`,
    port: address.port,
    received,
    answer: (next: Answer) => {
      answer = next;
    },
    events: () => received.map((r) => JSON.parse(r.body) as { type: string; data: Record<string, unknown> }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function register(url: string, events = ['job.note_added']) {
  const created = await admin.post('/api/admin/webhooks', { url, events });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  return created.body as { id: string; secret: string };
}

async function deliveries(endpointId: string) {
  const listed = await admin.get(`/api/admin/webhooks/${endpointId}/deliveries`);
  assert.equal(listed.status, 200);
  // biome-ignore lint/suspicious/noExplicitAny: tests read bodies loosely
  return listed.body.items as any[];
}

const note = (jobNumber: string, body: string) => agent.post(`/api/jobs/${jobNumber}/notes`, { body });

/** Leaves no endpoint behind, so later tests' events go only to their own receivers. */
async function removeAll() {
  for (const endpoint of (await admin.get('/api/admin/webhooks')).body.items) {
    await admin.delete(`/api/admin/webhooks/${endpoint.id}`);
  }
}

test('admins manage endpoints; the secret is shown once; others are refused', async () => {
  const created = await admin.post('/api/admin/webhooks', {
    url: 'https://hooks.example.com/desk',
    events: ['task.created', 'promise.broken'],
  });
  assert.equal(created.status, 201);
  assert.match(created.body.secret, /^whsec_[A-Za-z0-9+/]+=*$/);
  const id = created.body.id;
  const listed = await admin.get('/api/admin/webhooks');
  assert.equal(listed.body.items.length, 1);
  assert.equal(listed.body.items[0].secret, undefined);
  const patched = await admin.patch(`/api/admin/webhooks/${id}`, {
    events: ['task.updated'],
    isActive: false,
  });
  assert.equal(patched.status, 200);
  assert.deepEqual(patched.body.events, ['task.updated']);
  assert.equal(patched.body.isActive, false);
  const given = await admin.post('/api/admin/webhooks', {
    url: 'https://hooks.example.com/other',
    events: ['job.note_added'],
    secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  });
  assert.equal(given.body.secret, 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw');
  const badSecret = await admin.post('/api/admin/webhooks', {
    url: 'https://hooks.example.com/x',
    events: ['job.note_added'],
    secret: 'not-a-secret-at-all',
  });
  assert.equal(badSecret.status, 422);
  const badEvent = await admin.post('/api/admin/webhooks', {
    url: 'https://hooks.example.com/x',
    events: ['presence.changed'],
  });
  assert.equal(badEvent.status, 400);
  assert.equal((await agent.get('/api/admin/webhooks')).status, 403);
  assert.equal(
    (await agent.post('/api/admin/webhooks', { url: 'https://a.example', events: ['task.created'] })).status,
    403,
  );
  assert.equal((await admin.delete(`/api/admin/webhooks/${id}`)).status, 200);
  assert.equal((await admin.delete(`/api/admin/webhooks/${id}`)).status, 404);
  assert.equal((await admin.get(`/api/admin/webhooks/${id}/deliveries`)).status, 404);
  await removeAll();
});

test('endpoints on loopback, private or link-local addresses are refused unless allowed', async () => {
  ctx.deps.config.webhookAllowPrivate = false;
  try {
    for (const url of [
      'http://127.0.0.1:9/hook',
      'http://localhost/hook',
      'http://10.1.2.3/hook',
      'http://192.168.0.10/hook',
      'http://169.254.169.254/latest/meta-data',
      'http://[::1]/hook',
      'http://[fe80::1]/hook',
    ]) {
      const refused = await admin.post('/api/admin/webhooks', { url, events: ['task.created'] });
      assert.equal(refused.status, 422, url);
      assert.equal(refused.body.code, 'unprocessable');
      assert.match(String(refused.headers['content-type']), /application\/problem\+json/);
    }
    const created = await admin.post('/api/admin/webhooks', {
      url: 'https://93.184.215.14/hook',
      events: ['task.created'],
    });
    assert.equal(created.status, 201);
    const moved = await admin.patch(`/api/admin/webhooks/${created.body.id}`, { url: 'http://172.16.0.1/' });
    assert.equal(moved.status, 422);
  } finally {
    ctx.deps.config.webhookAllowPrivate = true;
  }
  assert.equal(isPrivateAddress('::ffff:127.0.0.1'), true);
  assert.equal(isPrivateAddress('100.64.0.1'), true);
  assert.equal(isPrivateAddress('8.8.8.8'), false);
  await removeAll();
});

test('a delivery is signed the Standard Webhooks way and verifies with the same library', async () => {
  const receiver = await startReceiver();
  try {
    const endpoint = await register(receiver.url);
    const added = await note('J-100100', 'Customer called about the part.');
    assert.equal(added.status, 201);
    const pass = await runDueDeliveries(ctx.deps);
    assert.deepEqual(pass, { sent: 1, failed: 0 });
    assert.equal(receiver.received.length, 1);
    const [got] = receiver.received;
    const headers = Object.fromEntries(
      ['webhook-id', 'webhook-timestamp', 'webhook-signature'].map((name) => [
        name,
        String(got!.headers[name]),
      ]),
    );
    const verified = new Webhook(endpoint.secret).verify(got!.body, headers) as {
      type: string;
      data: Record<string, unknown>;
    };
    assert.equal(verified.type, 'job.note_added');
    assert.equal(verified.data.jobNumber, 'J-100100');
    assert.equal(verified.data.body, 'Customer called about the part.');
    assert.equal(verified.data.noteId, added.body.id);
    assert.throws(() =>
      new Webhook(`whsec_${Buffer.alloc(32, 1).toString('base64')}`).verify(got!.body, headers),
    );
    const [logged] = await deliveries(endpoint.id);
    assert.equal(logged.status, 'delivered');
    assert.equal(logged.attempts, 1);
    assert.equal(logged.lastStatusCode, 200);
    assert.equal(logged.messageId, headers['webhook-id']);
    assert.equal(typeof logged.lastDurationMs, 'number');
    // Delivered once: another pass sends nothing.
    assert.deepEqual(await runDueDeliveries(ctx.deps), { sent: 0, failed: 0 });
    assert.equal(receiver.received.length, 1);
  } finally {
    await receiver.close();
    await removeAll();
  }
});

test('a receiver that is down gets the delivery after it comes back, exactly once, with backoff', async () => {
  const probe = await startReceiver();
  const port = probe.port;
  await probe.close();
  const endpoint = await register(`http://127.0.0.1:${port}/hook`);
  await note('J-100100', 'While the receiver is down.');
  assert.deepEqual(await runDueDeliveries(ctx.deps), { sent: 0, failed: 1 });
  let [logged] = await deliveries(endpoint.id);
  assert.equal(logged.status, 'pending');
  assert.equal(logged.attempts, 1);
  assert.equal(logged.lastStatusCode, null);
  assert.ok(logged.lastError);
  assert.equal(Date.parse(logged.nextAttemptAt) - Date.parse(logged.lastAttemptAt), 5_000);
  // Not due before the backoff has passed.
  ctx.clock.advance(4_000);
  assert.deepEqual(await runDueDeliveries(ctx.deps), { sent: 0, failed: 0 });
  ctx.clock.advance(1_000);
  assert.deepEqual(await runDueDeliveries(ctx.deps), { sent: 0, failed: 1 });
  [logged] = await deliveries(endpoint.id);
  assert.equal(Date.parse(logged.nextAttemptAt) - Date.parse(logged.lastAttemptAt), 10_000);

  const receiver = await startReceiver(port);
  try {
    ctx.clock.advance(10_000);
    assert.deepEqual(await runDueDeliveries(ctx.deps), { sent: 1, failed: 0 });
    ctx.clock.advance(3_600_000);
    assert.deepEqual(await runDueDeliveries(ctx.deps), { sent: 0, failed: 0 });
    assert.equal(receiver.received.length, 1);
    [logged] = await deliveries(endpoint.id);
    assert.equal(logged.status, 'delivered');
    assert.equal(logged.attempts, 3);
  } finally {
    await receiver.close();
    await removeAll();
  }
});

test('a slow receiver times out and is retried while another endpoint gets its deliveries', async () => {
  const slow = await startReceiver();
  const fast = await startReceiver();
  slow.answer(() => new Promise((resolve) => setTimeout(() => resolve(200), 2_500)));
  try {
    const slowEndpoint = await register(slow.url);
    const fastEndpoint = await register(fast.url);
    await note('J-100100', 'One for both.');
    const began = performance.now();
    assert.deepEqual(await runDueDeliveries(ctx.deps), { sent: 1, failed: 1 });
    assert.ok(performance.now() - began < 2_400, 'the pass waited no longer than the timeout');
    assert.equal(fast.received.length, 1);
    const [timedOut] = await deliveries(slowEndpoint.id);
    assert.equal(timedOut.status, 'pending');
    assert.match(timedOut.lastError, /no answer within 800 ms/);
    // Another record flows to the fast endpoint; the slow one's copy times out on its own.
    await note('J-100101', 'Another record.');
    assert.deepEqual(await runDueDeliveries(ctx.deps), { sent: 1, failed: 1 });
    assert.equal(fast.received.length, 2);
    slow.answer(() => 200);
    ctx.clock.advance(5_000);
    assert.deepEqual(await runDueDeliveries(ctx.deps), { sent: 2, failed: 0 });
    assert.deepEqual(
      (await deliveries(slowEndpoint.id)).map((d) => d.status),
      ['delivered', 'delivered'],
    );
    assert.deepEqual(
      (await deliveries(fastEndpoint.id)).map((d) => d.attempts),
      [1, 1],
    );
  } finally {
    await slow.close();
    await fast.close();
    await removeAll();
  }
});

test('a 500 is retried; a record keeps its order while other records flow', async () => {
  const receiver = await startReceiver();
  let failFirst = true;
  receiver.answer(({ body }) => {
    if (failFirst && body.includes('first')) {
      failFirst = false;
      return 500;
    }
    return 204;
  });
  try {
    const endpoint = await register(receiver.url);
    await note('J-100100', 'first');
    await note('J-100100', 'second');
    await note('J-100101', 'other record');
    // The first fails; the second waits behind it; the other record is delivered.
    assert.deepEqual(await runDueDeliveries(ctx.deps), { sent: 1, failed: 1 });
    assert.deepEqual(
      receiver
        .events()
        .map((e) => e.data.body)
        .sort(),
      ['first', 'other record'],
    );
    const failed = (await deliveries(endpoint.id)).find((d) => d.payload.data.body === 'first');
    assert.equal(failed.lastStatusCode, 500);
    assert.equal(failed.lastError, 'answered 500');
    ctx.clock.advance(5_000);
    assert.deepEqual(await runDueDeliveries(ctx.deps), { sent: 1, failed: 0 });
    assert.deepEqual(await runDueDeliveries(ctx.deps), { sent: 1, failed: 0 });
    const bodies = receiver.events().map((e) => e.data.body);
    assert.deepEqual(
      bodies.filter((b) => b !== 'other record'),
      ['first', 'first', 'second'],
    );
  } finally {
    await receiver.close();
    await removeAll();
  }
});

test('a replay sends the same message again, and the log shows both', async () => {
  const receiver = await startReceiver();
  try {
    const endpoint = await register(receiver.url);
    await note('J-100100', 'replay me');
    await runDueDeliveries(ctx.deps);
    const [original] = await deliveries(endpoint.id);
    const replayed = await admin.post(`/api/admin/webhooks/${endpoint.id}/deliveries/${original.id}/replay`);
    assert.equal(replayed.status, 202);
    assert.equal(replayed.body.status, 'pending');
    assert.equal(replayed.body.replayOf, original.id);
    assert.deepEqual(await runDueDeliveries(ctx.deps), { sent: 1, failed: 0 });
    assert.equal(receiver.received.length, 2);
    assert.equal(receiver.received[1]!.headers['webhook-id'], receiver.received[0]!.headers['webhook-id']);
    assert.equal(receiver.received[1]!.body, receiver.received[0]!.body);
    assert.deepEqual(
      (await deliveries(endpoint.id)).map((d) => d.status),
      ['delivered', 'delivered'],
    );
    const elsewhere = await admin.post(
      `/api/admin/webhooks/${endpoint.id}/deliveries/00000000-0000-4000-8000-000000000000/replay`,
    );
    assert.equal(elsewhere.status, 404);
  } finally {
    await receiver.close();
    await removeAll();
  }
});

test('a delivery is given up after a day of failures, and its record line moves on', async () => {
  const receiver = await startReceiver();
  receiver.answer(({ body }) => (body.includes('doomed') ? 503 : 200));
  try {
    const endpoint = await register(receiver.url);
    await note('J-100100', 'doomed');
    await note('J-100100', 'after it');
    for (let i = 0; i < 40; i++) {
      await runDueDeliveries(ctx.deps);
      ctx.clock.advance(3_600_000);
    }
    const [after, doomed] = await deliveries(endpoint.id);
    assert.equal(doomed.status, 'failed');
    assert.ok(doomed.attempts > 10 && doomed.attempts < 40, String(doomed.attempts));
    assert.equal(after.status, 'delivered');
  } finally {
    await receiver.close();
    await removeAll();
  }
  const start = new Date('2026-01-01T00:00:00Z');
  assert.equal(nextAttemptAt(start, 1, start)?.getTime(), start.getTime() + 5_000);
  assert.equal(nextAttemptAt(start, 20, start)?.getTime(), start.getTime() + 3_600_000);
  assert.equal(nextAttemptAt(start, 20, new Date(start.getTime() + 23.5 * 3_600_000)), null);
});

test('task, exception and appointment changes write deliveries in their own transaction', async () => {
  const endpoint = await register('http://127.0.0.1:9/none', [
    'task.created',
    'exception.opened',
    'task.updated',
  ]);
  const comment = (await agent.get('/api/exception-comments?type=call_back')).body.items[0];
  const opened = await agent.post('/api/jobs/J-100101/exceptions', {
    type: 'call_back',
    commentId: comment.id,
  });
  assert.equal(opened.status, 201, JSON.stringify(opened.body));
  const logged = await deliveries(endpoint.id);
  assert.deepEqual(logged.map((d) => d.eventType).sort(), ['exception.opened', 'task.created']);
  const task = logged.find((d) => d.eventType === 'task.created');
  assert.equal(task.recordKey, `task:${opened.body.task.id}`);
  assert.deepEqual(Object.keys(task.payload.data).sort(), [
    'appointmentId',
    'assigneeId',
    'completedAt',
    'dueAt',
    'exceptionId',
    'jobNumber',
    'status',
    'taskId',
    'teamId',
    'type',
  ]);
  await removeAll();
});

test('the daily purge forgets finished deliveries and keeps pending ones', async () => {
  const receiver = await startReceiver();
  try {
    const endpoint = await register(receiver.url);
    await note('J-100100', 'sent');
    await runDueDeliveries(ctx.deps);
    await note('J-100100', 'still pending');
    await forgetOldDeliveries(ctx.db, new Date(ctx.clock.now().getTime() + 60_000));
    assert.deepEqual(
      (await deliveries(endpoint.id)).map((d) => [d.status, d.payload.data.body]),
      [['pending', 'still pending']],
    );
  } finally {
    await receiver.close();
    await removeAll();
  }
});

test('the runner keeps slots full: a slow receiver does not hold up a fast one', async () => {
  const slow = await startReceiver();
  const fast = await startReceiver();
  slow.answer(() => new Promise((resolve) => setTimeout(() => resolve(200), 250)));
  // PGlite works on this thread: under load a 300 ms budget can lapse for a receiver that is not slow.
  ctx.deps.config.webhookTimeoutMs = 2_000;
  const runner = startWebhookRunner(ctx.deps, { intervalMs: 20 });
  try {
    // Counted before the notes exist: the runner polls every 20 ms and may deliver one at once.
    const delivered = async () =>
      Number(
        (
          await ctx.db
            .selectFrom('webhook_deliveries')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('status', '=', 'delivered')
            .where('payload', '@>', JSON.stringify({ type: 'job.note_added' }))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await delivered();
    await register(slow.url);
    await register(fast.url);
    for (const body of ['one', 'two', 'three']) await note('J-100100', body);
    runner.wake();
    const deadline = Date.now() + 5_000;
    while ((slow.received.length < 3 || fast.received.length < 3) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    assert.deepEqual(
      fast.events().map((e) => e.data.body),
      ['one', 'two', 'three'],
    );
    assert.deepEqual(
      slow.events().map((e) => e.data.body),
      ['one', 'two', 'three'],
    );
    while ((await delivered()) < before + 6 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    assert.equal(await delivered(), before + 6, 'each delivered once');
  } finally {
    await runner.stop();
    ctx.deps.config.webhookTimeoutMs = 800;
    await slow.close();
    await fast.close();
    await removeAll();
  }
});
