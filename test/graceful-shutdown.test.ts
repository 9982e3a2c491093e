import assert from 'node:assert/strict';
import { once } from 'node:events';
import { after, test } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { createTestContext } from './context.ts';
import { postgresUrlOf } from './database.ts';
import { startServerProcess, stopServerProcesses } from './server-process.ts';
import { signInOverHttp } from './sse.ts';

// A real server process under write load gets SIGTERM: every write it acknowledged must be in the
// database afterwards, live-event streams get a reconnect hint, and the process exits 0 in bounded time.

const ctx = await createTestContext();
const url = ctx.handle.engine === 'postgres' ? postgresUrlOf(ctx.handle) : undefined;
const shutdownTimeoutMs = 10_000;

after(() => stopServerProcesses());

/** The server as a child process on this file's database, logging at info like production. */
function startServer() {
  return startServerProcess({
    env: {
      ...process.env,
      DATABASE_URL: url,
      INBOUND_SMTP_PORT: '0',
      NODE_ENV: 'development',
      LOG_LEVEL: 'info',
      SHUTDOWN_TIMEOUT_MS: String(shutdownTimeoutMs),
    },
  });
}

/** Reads an SSE stream's raw text until the server ends it. */
async function readStreamUntilEnd(baseUrl: string, cookie: string) {
  const response = await fetch(`${baseUrl}/api/events`, { headers: { cookie, accept: 'text/event-stream' } });
  assert.equal(response.status, 200);
  const decoder = new TextDecoder();
  let text = '';
  const connected = Promise.withResolvers<void>();
  const ended = (async () => {
    try {
      for await (const chunk of response.body!) {
        text += decoder.decode(chunk as Uint8Array, { stream: true });
        if (text.includes(': connected')) connected.resolve();
      }
    } catch {
      // a reset instead of an orderly end; the assertion on the text says what arrived
    }
    return text;
  })();
  await connected.promise;
  return { ended }; // wrapped: returning the promise itself would wait for the end here
}

test('SIGTERM under write load loses no acknowledged write and exits 0 in bounded time', {
  skip: !url && 'needs PostgreSQL (the server is a separate process)',
  timeout: 90_000,
}, async (t) => {
  const server = await startServer();
  const baseUrl = server.baseUrl;
  const cookie = await signInOverHttp(baseUrl, 'agent.east@demo.test');
  const stream = await readStreamUntilEnd(baseUrl, cookie);

  const acknowledged: string[] = [];
  const refused: number[] = [];
  let isStopping = false;
  const client = async (n: number) => {
    for (let i = 0; !isStopping; i++) {
      const body = `shutdown-load ${n}-${i}`;
      try {
        const response = await fetch(`${baseUrl}/api/jobs/J-100100/notes`, {
          method: 'POST',
          headers: { cookie, 'content-type': 'application/json' },
          body: JSON.stringify({ body }),
        });
        await response.text();
        if (response.ok) acknowledged.push(body);
        else {
          refused.push(response.status);
          if (response.status === 503) return;
        }
      } catch {
        return; // connection refused or reset: the server has stopped taking requests
      }
    }
  };
  const clients = [1, 2, 3, 4].map(client);
  const loadDeadline = Date.now() + 20_000;
  while (acknowledged.length < 20) {
    if (Date.now() > loadDeadline) {
      throw new Error(
        `load did not start: ${acknowledged.length} acknowledged, refused ${refused.join(', ')}`,
      );
    }
    await delay(20);
  }

  const exited = once(server.child, 'exit');
  const signalledAt = Date.now();
  server.child.kill('SIGTERM');
  const [code] = await exited;
  const tookMs = Date.now() - signalledAt;
  isStopping = true;
  await Promise.all(clients);

  assert.equal(code, 0, server.output());
  assert.ok(tookMs < shutdownTimeoutMs, `exited ${tookMs} ms after SIGTERM`);
  assert.ok(
    refused.every((status) => status === 503),
    `only 503 while closing, got ${refused.join(', ')}`,
  );
  const stored = await ctx.db
    .selectFrom('job_notes')
    .select('body')
    .where('body', 'like', 'shutdown-load %')
    .execute();
  const storedBodies = new Set(stored.map((r) => r.body));
  const lost = acknowledged.filter((body) => !storedBodies.has(body));
  assert.deepEqual(lost, [], `${acknowledged.length} acknowledged, ${lost.length} lost`);
  t.diagnostic(
    `${acknowledged.length} writes acknowledged, ${refused.length} refused 503, exit after ${tookMs} ms`,
  );
  assert.match(await stream.ended, /retry: \d+\n: server closing/, 'the live stream ends with a retry hint');
});
