import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, test } from 'node:test';
import { createTestContext } from '../../test/context.ts';
import { buildApp } from '../app.ts';
import { timerHandlers } from '../jobs/handlers.ts';
import { runDueTimers } from '../jobs/runner.ts';
import { book, escalationReadyToBook, tokenOf } from '../modules/booking/test-helpers.ts';
import { redactUrl } from './logging.ts';

// Logs, request ids and metrics, through the app as main builds it (logs captured, not printed).
const ctx = await createTestContext({ now: '2026-11-26T15:00:00Z' });

/** An app on this file's database whose JSON log lines land in `lines`. */
async function loggingApp() {
  const lines: Array<Record<string, unknown>> = [];
  let raw = '';
  const stream = new Writable({
    write(chunk, _encoding, done) {
      raw += String(chunk);
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  const app = await buildApp(ctx.deps, { log: { level: 'info', stream } });
  after(() => app.close());
  return { app, lines, raw: () => raw };
}

test('redactUrl hides manage tokens and query values outside the harmless list', () => {
  assert.equal(redactUrl('/manage/abc.def'), '/manage/[redacted]');
  assert.equal(redactUrl('/api/manage/abc.def/cancel'), '/api/manage/[redacted]/cancel');
  assert.equal(
    redactUrl('/api/sites/east/calendar.ics?token=s3cr3t'),
    '/api/sites/east/calendar.ics?token=[redacted]',
  );
  assert.equal(redactUrl('/api/jobs?q=555-0100&status=open'), '/api/jobs?q=[redacted]&status=open');
  assert.equal(redactUrl('/api/tasks'), '/api/tasks');
});

test('every request is logged as JSON with its id, which the answer carries as x-request-id', async () => {
  const { app, lines } = await loggingApp();
  const response = await app.inject({ method: 'GET', url: '/api/health' });
  const id = response.headers['x-request-id'];
  assert.ok(id, 'x-request-id header');
  const mine = lines.filter((l) => l.reqId === id);
  assert.deepEqual(
    mine.map((l) => l.msg),
    ['incoming request', 'request completed'],
  );
  assert.deepEqual(mine[0]!.req, {
    method: 'GET',
    url: '/api/health',
    route: '/api/health',
    remoteAddress: '127.0.0.1',
  });
  assert.deepEqual(mine[1]!.res, { statusCode: 200 });

  const proxied = await app.inject({
    method: 'GET',
    url: '/api/health',
    headers: { 'x-request-id': 'lb-000042' },
  });
  assert.equal(proxied.headers['x-request-id'], 'lb-000042', "a proxy's id is kept");
  const odd = await app.inject({
    method: 'GET',
    url: '/api/health',
    headers: { 'x-request-id': 'not an id\u0001' },
  });
  assert.notEqual(odd.headers['x-request-id'], 'not an id\u0001');
});

test('a 500 leaves an error line with the request id the caller was given, and leaks nothing', async () => {
  const { app, lines } = await loggingApp();
  app.get('/api/test-only/boom', async () => {
    throw new Error('the database said something private');
  });
  const response = await app.inject({ method: 'GET', url: '/api/test-only/boom' });
  assert.equal(response.statusCode, 500);
  assert.doesNotMatch(response.body, /private/);
  const id = response.headers['x-request-id'];
  const errors = lines.filter((l) => l.reqId === id && (l.level as number) >= 50);
  assert.equal(errors.length, 1, 'one error line for the request');
  assert.match(JSON.stringify(errors[0]), /something private/, 'the cause is in the log, not the answer');
});

test('passwords, cookies, tokens and customer contact details never reach the log', async () => {
  const { app, raw } = await loggingApp();
  const signIn = await app.inject({
    method: 'POST',
    url: '/api/session',
    payload: { email: 'agent.east@demo.test', password: 'demo' },
  });
  assert.equal(signIn.statusCode, 200);
  const cookie = signIn.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const sessionValue = signIn.cookies[0]!.value;
  await app.inject({
    method: 'GET',
    url: '/api/me',
    headers: { cookie, authorization: 'Bearer tok-XYZ-123' },
  });
  await app.inject({ method: 'GET', url: '/api/jobs?q=555-0142', headers: { cookie } });

  const escalationId = await escalationReadyToBook(ctx, { jobNumber: 'J-100110' });
  const booked = await book(ctx, escalationId, '2026-11-30T11:00:00-05:00');
  assert.equal(booked.status, 201, JSON.stringify(booked.body));
  const manageToken = tokenOf(booked.body.confirmation.manageUrl);
  await app.inject({ method: 'GET', url: `/manage/${manageToken}` });
  await app.inject({ method: 'GET', url: '/api/sites/east/calendar.ics?token=feed-secret-987' });

  const log = raw();
  for (const secret of [
    'agent.east@demo.test',
    '"demo"',
    sessionValue,
    'tok-XYZ-123',
    '555-0142',
    manageToken,
    'feed-secret-987',
  ]) {
    assert.ok(!log.includes(secret), `the log must not contain ${secret}`);
  }
  assert.match(log, /"url":"\/manage\/\[redacted\]"/);
  assert.match(log, /"url":"\/api\/jobs\?q=\[redacted\]"/);
  assert.match(log, /calendar\.ics\?token=\[redacted\]/);
});

test('/metrics counts a booking by its route pattern and reads the gauges from the database', async () => {
  const escalationId = await escalationReadyToBook(ctx, { jobNumber: 'J-100120' });
  const booked = await book(ctx, escalationId, '2026-11-30T12:00:00-05:00');
  assert.equal(booked.status, 201, JSON.stringify(booked.body));

  const before = await ctx.anonymous.get('/metrics');
  assert.equal(before.status, 200);
  assert.match(String(before.headers['content-type']), /^text\/plain/);
  const text: string = before.body;
  assert.match(
    text,
    /escalation_desk_http_requests_total\{method="POST",route="\/api\/sites\/:slug\/appointments",status_code="201"\} [1-9]/,
  );
  assert.match(
    text,
    /escalation_desk_http_request_duration_seconds_count\{method="POST",route="\/api\/sites\/:slug\/appointments",status_code="201"\} [1-9]/,
  );
  assert.ok(!text.includes('J-100120'), 'labels carry patterns, never raw URLs');
  const gauge = (body: string, name: string) =>
    Number(new RegExp(`^escalation_desk_${name} (\\S+)$`, 'm').exec(body)?.[1]);
  assert.ok(gauge(text, 'outbox_backlog_messages') >= 1, 'the confirmation mail waits in the outbox');
  assert.equal(gauge(text, 'mail_failing_messages'), 0);
  assert.ok(gauge(text, 'open_transfers') >= 0);
  assert.ok(gauge(text, 'promises_at_risk') >= 0);
  assert.equal(gauge(text, 'database_up'), 1);

  // The runner reports how late timers fired; mail is kept (no SMTP_URL), so the backlog drains.
  ctx.clock.advance(5_000);
  await runDueTimers(ctx.deps, timerHandlers, { onFired: (f) => ctx.app.metrics.observeTimerFirings(f) });
  const after = (await ctx.anonymous.get('/metrics')).body as string;
  assert.ok(gauge(after, 'timer_lag_seconds_count') >= 1, 'timer lag observed');
  assert.equal(gauge(after, 'outbox_backlog_messages'), 0);
});

test('/metrics needs the bearer token when one is set, and is off in production without one', async () => {
  const guarded = await buildApp(ctx.deps, { metrics: { token: 'scrape-me', isProduction: true } });
  const open = await buildApp(ctx.deps, { metrics: { isProduction: true } });
  after(async () => {
    await guarded.close();
    await open.close();
  });
  const refused = await guarded.inject({ method: 'GET', url: '/metrics' });
  assert.equal(refused.statusCode, 401);
  assert.match(String(refused.headers['content-type']), /problem\+json/);
  const wrong = await guarded.inject({
    method: 'GET',
    url: '/metrics',
    headers: { authorization: 'Bearer nope' },
  });
  assert.equal(wrong.statusCode, 401);
  const allowed = await guarded.inject({
    method: 'GET',
    url: '/metrics',
    headers: { authorization: 'Bearer scrape-me' },
  });
  assert.equal(allowed.statusCode, 200);
  assert.match(allowed.body, /escalation_desk_outbox_backlog_messages/);
  const off = await open.inject({ method: 'GET', url: '/metrics' });
  assert.equal(off.statusCode, 404);
  assert.match(off.json().detail, /METRICS_TOKEN/);
});
