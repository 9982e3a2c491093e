import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, test } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import pg from 'pg';
import { createApiToken } from '../src/modules/users/session.ts';
import { actorOf } from './callback-fixture.ts';
import { createTestContext } from './context.ts';
import { postgresUrlOf } from './database.ts';
import { startServerProcess, stopServerProcesses } from './server-process.ts';
import { openEventStream } from './sse.ts';

// Dropped database connections under load: the real server (`node src/main.ts`) on a database of
// this file's own, a few clients booking callbacks and writing job notes, and another connection
// terminating every backend of that database twice a second (a fair stand-in for a failover).
// Afterwards the process must still answer, every acknowledged write be there exactly once, every
// refusal be a problem+json (503 for the lost connections), and live events flow again.

const isPostgres = process.env.TEST_ENGINE === 'postgres';
const stormMs = Number(process.env.FAULT_STORM_MS ?? 20_000);
const terminateEveryMs = 500;
const noteClients = 3;
const bookingClients = 3;
const requestTimeoutMs = 15_000;
after(() => stopServerProcesses());

/** The server as a child process on `databaseUrl`, without mail delivery. */
async function startServer(databaseUrl: string) {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    INBOUND_SMTP_PORT: '0',
    NODE_ENV: 'development',
  };
  for (const name of Object.keys(env)) if (name.startsWith('SMTP_')) delete env[name];
  return startServerProcess({ env });
}

/** What the clients saw: every answer by status, plus requests that got no HTTP answer at all. */
type Tally = {
  requests: number;
  byStatus: Map<number, number>;
  noAnswer: string[];
  notProblem: string[];
  noRetryAfter: number;
};

// biome-ignore lint/suspicious/noExplicitAny: tests read bodies loosely and assert on them
type Answer = { status: number; body: any };

function caller(baseUrl: string, tally: Tally) {
  return async (
    token: string,
    method: string,
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) => {
    tally.requests++;
    let answer: Answer;
    try {
      const response = await fetch(`${baseUrl}${url}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(requestTimeoutMs),
      });
      const text = await response.text();
      const type = response.headers.get('content-type') ?? '';
      if (response.status >= 400 && !type.startsWith('application/problem+json'))
        tally.notProblem.push(`${method} ${url} → ${response.status} ${type}: ${text.slice(0, 200)}`);
      if (response.status === 503 && !response.headers.get('retry-after')) tally.noRetryAfter++;
      answer = { status: response.status, body: text && /json/.test(type) ? JSON.parse(text) : {} };
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause;
      answer = { status: 0, body: {} };
      tally.noAnswer.push(`${method} ${url}: ${(error as Error).message} ${cause?.code ?? ''}`);
    }
    tally.byStatus.set(answer.status, (tally.byStatus.get(answer.status) ?? 0) + 1);
    return answer;
  };
}

test('the server survives terminated database connections under load, loses and repeats nothing', {
  skip: !isPostgres && 'PostgreSQL only: PGlite is embedded, it has no connections to drop',
  timeout: stormMs + 100_000,
}, async (t) => {
  const ctx = await createTestContext();
  const databaseUrl = postgresUrlOf(ctx.handle);
  assert.ok(databaseUrl);
  const databaseName = new URL(databaseUrl).pathname.slice(1);
  const server = await startServer(databaseUrl);
  t.after(() => server.stop()); // before the file's own hooks drop the database
  let exitedWith: string | undefined;
  server.child.once('exit', (code, signal) => {
    exitedWith = `code ${code}, signal ${signal}`;
  });

  const tokenOf = async (email: string) =>
    (await createApiToken(ctx.deps, await actorOf(ctx, email), { name: 'fault test' })).token;
  const agent = await tokenOf('agent.east@demo.test');
  const supervisor = await tokenOf('supervisor.east@demo.test');
  const jobNumbers = (await ctx.db.selectFrom('jobs').select('number').orderBy('number').execute()).map(
    (j) => j.number,
  );
  const tally: Tally = { requests: 0, byStatus: new Map(), noAnswer: [], notProblem: [], noRetryAfter: 0 };
  const call = caller(server.baseUrl, tally);

  // Places to book, taken before the storm: each booking gets a place of its own.
  const today = new Date().toISOString().slice(0, 10);
  const availability = await call(
    agent,
    'GET',
    `/api/sites/east/availability?from=${today}&days=30&tz=America/Chicago`,
  );
  assert.equal(availability.status, 200);
  const places: string[] = [];
  const now = Date.now();
  const days: Array<{ windows: Array<{ start: string; remaining: number }> }> = availability.body.days;
  for (const day of days)
    for (const window of day.windows)
      if (Date.parse(window.start) > now + 3_600_000)
        for (let i = 0; i < window.remaining; i++) places.push(window.start);
  assert.ok(places.length > 100, `enough places to book (${places.length})`);

  const run = randomBytes(4).toString('hex');
  const acknowledgedNotes = new Set<string>();
  const sentNotes = new Set<string>();
  /** Escalation id → the appointment id of its acknowledged (201) booking. */
  const acknowledgedBookings = new Map<string, string>();
  /** Booking requests left unanswered with a 2xx: retried with the same key after the storm. */
  const unsettledBookings: Array<{ key: string; body: Record<string, string> }> = [];
  const triedEscalations = new Set<string>();
  let stormIsOver = false;

  async function writeNotes(client: number) {
    for (let n = 0; !stormIsOver; n++) {
      const body = `fault ${run} client ${client} note ${n}`;
      sentNotes.add(body);
      const job = jobNumbers[(client * 7 + n) % jobNumbers.length];
      const answer = await call(agent, 'POST', `/api/jobs/${job}/notes`, { body });
      if (answer.status === 201) acknowledgedNotes.add(body);
      else await delay(100);
    }
  }

  /** Opens an escalation, asks and approves a callback, then books it with an Idempotency-Key. */
  async function bookCallbacks(client: number) {
    for (let n = 0; !stormIsOver; n++) {
      const job = jobNumbers[(client * 11 + n) % jobNumbers.length];
      const escalation = await call(agent, 'POST', '/api/escalations', {
        jobNumber: job,
        reasons: ['service_delay'],
        summary: `Fault test ${run}: the customer wants a call back.`,
      });
      if (escalation.status !== 201) {
        await delay(200);
        continue;
      }
      const escalationId = String(escalation.body.id);
      const asked = await call(agent, 'POST', `/api/escalations/${escalationId}/callback-permission`, {});
      if (asked.status !== 201) continue;
      const permissionId = String(asked.body.id);
      const approved = await call(
        supervisor,
        'POST',
        `/api/callback-permissions/${permissionId}/approve`,
        {},
      );
      if (approved.status !== 200) continue;
      const place = places.pop();
      if (!place) return;
      const key = `fault-${run}-${client}-${n}`;
      const body = { escalationId, start: place, customerTimeZone: 'America/Chicago' };
      triedEscalations.add(escalationId);
      // A client that got no 2xx retries with the same key, as the 503's Retry-After invites.
      let isSettled = false;
      for (let attempt = 0; attempt < 3 && !isSettled; attempt++) {
        const booked = await call(agent, 'POST', '/api/sites/east/appointments', body, {
          'idempotency-key': key,
        });
        if (booked.status === 201) {
          acknowledgedBookings.set(escalationId, String(booked.body.appointment.id));
          isSettled = true;
        } else if (booked.status === 503) await delay(1000);
        else break;
      }
      if (!isSettled) unsettledBookings.push({ key, body });
    }
  }

  // Live events: a stream opened before the storm stays open through it.
  const leadCookie = await signIn(server.baseUrl, 'lead.east@demo.test');
  const earlyStream = await openEventStream(server.baseUrl, leadCookie);

  const admin = new pg.Client({
    connectionString: process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
  });
  admin.on('error', () => {});
  await admin.connect();
  let terminations = 0;
  let terminationRounds = 0;
  const started = performance.now();
  const terminator = (async () => {
    while (!stormIsOver) {
      const result = await admin.query<{ terminated: boolean }>(
        `SELECT pg_terminate_backend(pid) AS terminated FROM pg_stat_activity
         WHERE datname = $1 AND pid <> pg_backend_pid()`,
        [databaseName],
      );
      terminationRounds++;
      terminations += result.rows.filter((row) => row.terminated).length;
      await delay(terminateEveryMs);
    }
  })();
  const loadErrors: unknown[] = [];
  const load = [
    ...Array.from({ length: noteClients }, (_, i) => writeNotes(i)),
    ...Array.from({ length: bookingClients }, (_, i) => bookCallbacks(i)),
  ].map((client) => client.catch((error: unknown) => loadErrors.push(error)));
  try {
    await delay(stormMs);
  } finally {
    stormIsOver = true;
    await terminator.finally(() => admin.end());
    await Promise.all(load);
  }
  assert.deepEqual(loadErrors, [], 'the load clients ran to the end');
  const stormSeconds = (performance.now() - started) / 1000;

  // The process is up and answers.
  assert.equal(exitedWith, undefined, `the server exited (${exitedWith}):\n${server.output().slice(-3000)}`);
  const health = await waitFor(
    async () => (await fetch(`${server.baseUrl}/api/health`)).status === 200,
    15_000,
  );
  assert.ok(health, 'GET /api/health answers 200 after the storm');

  // A booking the storm left unanswered is retried with its key now: it books once, or replays.
  // A COMMIT cut off by the loss may have gone through: such a booking was answered 503 yet holds
  // its key, and its retry below must replay it rather than book again.
  const unsettledKeys = unsettledBookings.map((booking) => booking.key);
  const committedUnanswered = unsettledKeys.length
    ? (await ctx.db.selectFrom('idempotency_keys').select('key').where('key', 'in', unsettledKeys).execute())
        .length
    : 0;
  const bookedInStorm = acknowledgedBookings.size;
  const retried = { booked: 0, other: new Map<number, number>() };
  for (const { key, body } of unsettledBookings) {
    const answer = await call(agent, 'POST', '/api/sites/east/appointments', body, {
      'idempotency-key': key,
    });
    if (answer.status === 201) {
      retried.booked++;
      acknowledgedBookings.set(body.escalationId, String(answer.body.appointment.id));
    } else retried.other.set(answer.status, (retried.other.get(answer.status) ?? 0) + 1);
  }

  const failed = [...tally.byStatus].filter(([status]) => status < 200 || status >= 300);
  t.diagnostic(
    `storm ${stormSeconds.toFixed(1)} s: ${terminations} backends terminated in ${terminationRounds} rounds; ` +
      `${tally.requests} requests, ${[...tally.byStatus].filter(([s]) => s >= 200 && s < 300).reduce((a, [, c]) => a + c, 0)} answered 2xx, ` +
      `failed by status ${JSON.stringify(Object.fromEntries(failed))}; ` +
      `notes ${acknowledgedNotes.size}/${sentNotes.size} acknowledged; bookings ${bookedInStorm}/${triedEscalations.size} acknowledged in the storm, ` +
      `${unsettledBookings.length} retried with their key after it (${committedUnanswered} of them had committed): ` +
      `${retried.booked} answered 201, ` +
      `other ${JSON.stringify(Object.fromEntries(retried.other))}`,
  );

  // Failed requests were refused with a problem document, never a 500 or a dropped connection.
  assert.equal(tally.byStatus.get(500) ?? 0, 0, `no 500s:\n${server.output().slice(-3000)}`);
  assert.deepEqual(tally.noAnswer, [], 'every request got an HTTP answer');
  assert.deepEqual(tally.notProblem, [], 'every refusal is application/problem+json');
  assert.equal(tally.noRetryAfter, 0, 'every 503 says when to retry');
  for (const [status] of failed) assert.ok([409, 503].includes(status), `unexpected status ${status}`);
  assert.ok(terminations >= stormMs / terminateEveryMs / 2, `backends were terminated (${terminations})`);
  assert.ok((tally.byStatus.get(503) ?? 0) > 0, 'the storm did reach requests (some answered 503)');
  assert.ok(acknowledgedNotes.size > 0 && acknowledgedBookings.size > 0, 'some writes got through');

  // Every acknowledged note is there exactly once; no note is there twice.
  const notes = await ctx.db
    .selectFrom('job_notes')
    .select(['body', (eb) => eb.fn.countAll<number>().as('copies')])
    .where('body', 'like', `fault ${run} %`)
    .groupBy('body')
    .execute();
  const copies = new Map(notes.map((row) => [row.body, Number(row.copies)]));
  for (const body of acknowledgedNotes) assert.equal(copies.get(body), 1, `note "${body}" once`);
  for (const [body, count] of copies) {
    assert.ok(sentNotes.has(body), `a note nobody sent: ${body}`);
    assert.equal(count, 1, `note "${body}" once`);
  }
  const notesCommittedUnanswered = [...copies.keys()].filter((body) => !acknowledgedNotes.has(body));
  t.diagnostic(
    `notes committed though answered 503 (the loss cut off the COMMIT's reply): ${notesCommittedUnanswered.length}`,
  );

  // Every acknowledged booking is there once with its answer's appointment; no escalation is half
  // booked: the appointment, its open Call Back task and the escalation's status go together.
  const escalationIds = [...triedEscalations];
  const appointments = await ctx.db
    .selectFrom('appointments')
    .select(['id', 'escalation_id'])
    .where('escalation_id', 'in', escalationIds)
    .execute();
  const tasks = await ctx.db
    .selectFrom('tasks')
    .select('escalation_id')
    .where('escalation_id', 'in', escalationIds)
    .where('type', '=', 'callback')
    .execute();
  const statuses = await ctx.db
    .selectFrom('escalations')
    .select(['id', 'status'])
    .where('id', 'in', escalationIds)
    .execute();
  for (const [escalationId, appointmentId] of acknowledgedBookings) {
    const booked = appointments.filter((a) => a.escalation_id === escalationId);
    assert.deepEqual(
      booked.map((a) => a.id),
      [appointmentId],
      `escalation ${escalationId} booked once`,
    );
  }
  for (const { id, status } of statuses) {
    const appointmentCount = appointments.filter((a) => a.escalation_id === id).length;
    const taskCount = tasks.filter((task) => task.escalation_id === id).length;
    assert.ok(appointmentCount <= 1, `escalation ${id}: at most one appointment`);
    assert.equal(
      taskCount,
      appointmentCount,
      `escalation ${id}: a callback task exactly with its appointment`,
    );
    assert.equal(status === 'callback_booked', appointmentCount === 1, `escalation ${id}: status ${status}`);
  }

  // The outbox kept going: every acknowledged booking's confirmation is delivered (kept, with no
  // SMTP server configured) by the server's timer runner.
  const appointmentIds = [...acknowledgedBookings.values()];
  const isMailDone = async () => {
    const messages = await ctx.db
      .selectFrom('outbound_messages')
      .select(['related_id', 'status'])
      .where('related_id', 'in', appointmentIds)
      .execute();
    const related = new Set(messages.map((message) => message.related_id));
    return related.size === appointmentIds.length && messages.every((message) => message.status === 'kept');
  };
  assert.ok(await waitFor(isMailDone, 30_000), 'confirmations of acknowledged bookings delivered');

  // Live events flow again: a change made by another process (this one) reaches both the stream
  // that was open through the storm and a new one, through the server's LISTEN.
  const lateStream = await openEventStream(server.baseUrl, leadCookie);
  try {
    const escalation = await ctx.as('agent.east@demo.test').post('/api/escalations', {
      jobNumber: jobNumbers[0],
      reasons: ['coverage_denial'],
      summary: 'After the storm: the customer asks for a supervisor.',
    });
    assert.equal(escalation.status, 201);
    const transfer = await ctx
      .as('agent.east@demo.test')
      .post(`/api/escalations/${escalation.body.id}/transfer`, {});
    assert.equal(transfer.status, 201);
    const isThisTransfer = (e: { type: string; data: { data: Record<string, unknown> } }) =>
      e.type === 'transfer.enqueued' && e.data.data.transferId === transfer.body.id;
    await lateStream.next(isThisTransfer, 30_000);
    await earlyStream.next(isThisTransfer, 30_000);
  } finally {
    lateStream.close();
    earlyStream.close();
  }
});

async function signIn(baseUrl: string, email: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'demo' }),
  });
  assert.equal(response.status, 200, `sign-in of ${email}`);
  return response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (await check().catch(() => false)) return true;
    await delay(200);
  }
  return false;
}
