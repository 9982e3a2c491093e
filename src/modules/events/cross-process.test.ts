import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import path from 'node:path';
import { after, test } from 'node:test';
import { createTestContext } from '../../../test/context.ts';
import { postgresUrlOf } from '../../../test/database.ts';
import { callOverHttp, openEventStream, signInOverHttp } from '../../../test/sse.ts';

const isPostgres = process.env.TEST_ENGINE === 'postgres';
const root = path.resolve(import.meta.dirname, '../../..');
const children: ChildProcess[] = [];

async function stopChildren() {
  await Promise.all(
    children.map(async (child) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }),
  );
}

// A safety net: the test stops its processes itself, before its database is dropped.
after(stopChildren);

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  await once(server, 'close');
  return typeof address === 'object' && address ? address.port : 0;
}

/** Starts `node src/main.ts` on the test database; resolves with its base URL once it listens. */
async function startProcess(databaseUrl: string): Promise<string> {
  const port = await freePort();
  const child = spawn(process.execPath, ['src/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      INBOUND_SMTP_PORT: '0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`process did not start within 30 s: ${output}`)), 30_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk;
      if (output.includes('is running at')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`process exited with ${code}: ${output}`));
    });
  });
  return `http://127.0.0.1:${port}`;
}

test('an event raised in one process reaches a client of another; a reconnect resumes', {
  skip: !isPostgres && 'PostgreSQL only',
}, async (t) => {
  t.after(stopChildren); // registered first so it runs before the context drops the database
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
