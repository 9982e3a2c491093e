import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { createTestContext } from '../../../test/context.ts';
import { postgresUrlOf } from '../../../test/database.ts';
import { startServerProcess, stopServerProcesses } from '../../../test/server-process.ts';
import { callOverHttp, openEventStream, signInOverHttp } from '../../../test/sse.ts';

const isPostgres = process.env.TEST_ENGINE === 'postgres';
// A safety net: the test stops its processes itself, before its database is dropped.
after(() => stopServerProcesses());

/** Starts `node src/main.ts` on the test database; resolves with its base URL once it listens. */
async function startProcess(databaseUrl: string): Promise<string> {
  const server = await startServerProcess({
    env: { ...process.env, DATABASE_URL: databaseUrl, INBOUND_SMTP_PORT: '0' },
  });
  return server.baseUrl;
}

test('an event raised in one process reaches a client of another; a reconnect resumes', {
  skip: !isPostgres && 'PostgreSQL only',
}, async (t) => {
  t.after(() => stopServerProcesses()); // registered first so it runs before the context drops the database
  const ctx = await createTestContext();
  const databaseUrl = postgresUrlOf(ctx.handle);
  assert.ok(databaseUrl);
  const [processA, processB] = await Promise.all([startProcess(databaseUrl), startProcess(databaseUrl)]);
  const agentOnA = await signInOverHttp(processA, 'agent.east@demo.test');
  const leadOnA = await signInOverHttp(processA, 'lead.east@demo.test');
  const leadOnB = await signInOverHttp(processB, 'lead.east@demo.test');

  const stream = await openEventStream(processB, leadOnB);
  const escalation = await callOverHttp(processA, agentOnA, 'POST', '/api/escalations', {
    jobNumber: 'J-100120',
    reasons: ['coverage_denial'],
    summary: 'Customer disputes the coverage denial and asks for a supervisor.',
  });
  assert.equal(escalation.status, 201);
  const started = performance.now();
  const transfer = await callOverHttp(
    processA,
    agentOnA,
    'POST',
    `/api/escalations/${escalation.body.id}/transfer`,
    {},
  );
  assert.equal(transfer.status, 201);
  const enqueued = await stream.next((e) => e.type === 'transfer.enqueued');
  t.diagnostic(
    `request through process A to the event on process B: ${Math.round(performance.now() - started)} ms`,
  );
  assert.equal(enqueued.data.data.transferId, transfer.body.id);
  stream.close();

  // Missed while disconnected from B: the answer, made through A.
  const answered = await callOverHttp(
    processA,
    leadOnA,
    'POST',
    `/api/transfers/${transfer.body.id}/answer`,
    {},
  );
  assert.equal(answered.status, 200);
  const resumed = await openEventStream(processB, leadOnB, enqueued.id);
  try {
    const missed = await resumed.next((e) => e.type === 'transfer.answered');
    assert.equal(missed.data.data.transferId, transfer.body.id);
    assert.ok(resumed.events.every((e) => e.id > enqueued.id));
  } finally {
    resumed.close();
  }
});
