import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTestContext } from '../../../test/context.ts';

const ctx = await createTestContext({ now: '2026-11-20T15:00:00Z' });
const supervisor = ctx.as('supervisor.east@demo.test');
const eastAgent = ctx.as('agent.east@demo.test');

// Escalations take their creation time from the database; pin them to the fake clock's day.
async function escalate(agent: typeof eastAgent, reasons: string[], at: string) {
  const response = await agent.post('/api/escalations', { jobNumber: 'J-100100', reasons, summary: 'x' });
  assert.equal(response.status, 201);
  await ctx.db
    .updateTable('escalations')
    .set({ created_at: at } as never)
    .where('id', '=', response.body.id)
    .execute();
  return response.body.id as string;
}

function rowsBy<T extends Record<string, unknown>>(rows: T[], key: string, value: unknown) {
  return rows.filter((r) => r[key] === value);
}

test('reports are for the desk and admins; unknown names and sites are 404, bad periods 400', async () => {
  for (const email of ['agent.east@demo.test', 'cb.bpo@demo.test', 'tier3@demo.test']) {
    const response = await ctx.as(email).get('/api/reports/escalations-by-reason');
    assert.equal(response.status, 403, email);
    assert.equal(response.body.code, 'forbidden');
  }
  assert.equal((await ctx.anonymous.get('/api/reports/escalations-by-reason')).status, 401);
  const unknown = await supervisor.get('/api/reports/happiness');
  assert.equal(unknown.status, 404);
  assert.equal(unknown.body.code, 'not_found');
  assert.match(String(unknown.headers['content-type']), /problem\+json/);
  assert.equal((await supervisor.get('/api/reports/happiness.csv')).status, 404);
  assert.equal((await supervisor.get('/api/reports/task-ageing?site=mars')).status, 404);
  const badDate = await supervisor.get('/api/reports/task-ageing?from=2026-02-30');
  assert.equal(badDate.status, 400);
  assert.equal(badDate.body.field, 'from');
  assert.equal((await supervisor.get('/api/reports/task-ageing?from=2026-11-20&to=2026-11-19')).status, 400);
  assert.equal((await supervisor.get('/api/reports/task-ageing?from=2020-01-01&to=2026-01-01')).status, 400);
  assert.equal((await supervisor.get('/api/reports/task-ageing?colour=red')).status, 400);
  const list = await ctx.as('admin@demo.test').get('/api/reports');
  assert.deepEqual(list.body.items.map((r: { name: string }) => r.name).sort(), [
    'escalations-by-reason',
    'promises-kept',
    'task-ageing',
    'team-scorecards',
    'tier3-assignments',
    'transfer-waits',
  ]);
});

test('escalations by reason count each reason per site and status, days in the site time zone', async () => {
  await escalate(eastAgent, ['service_delay', 'supervisor_request'], '2026-11-20T15:00:00Z');
  // 23:30 in New York on the 20th, already the 21st in UTC.
  await escalate(eastAgent, ['service_delay'], '2026-11-21T04:30:00Z');
  await escalate(ctx.as('agent.west@demo.test'), ['coverage_denial'], '2026-11-20T18:00:00Z');
  await escalate(eastAgent, ['service_delay'], '2026-11-19T12:00:00Z');

  const east = await supervisor.get(
    '/api/reports/escalations-by-reason?from=2026-11-20&to=2026-11-20&site=east',
  );
  assert.equal(east.status, 200);
  assert.equal(east.body.name, 'escalations-by-reason');
  assert.equal(east.body.site, 'east');
  assert.equal(east.body.from, '2026-11-20T05:00:00.000Z');
  assert.equal(east.body.to, '2026-11-21T05:00:00.000Z');
  assert.deepEqual(
    east.body.columns.map((c: { key: string }) => c.key),
    ['site', 'reason', 'reasonLabel', 'status', 'escalations', 'duringOutage'],
  );
  assert.deepEqual(
    east.body.rows.map((r: Record<string, unknown>) => [r.site, r.reason, r.status, r.escalations]),
    [
      ['east', 'supervisor_request', 'open', 1],
      ['east', 'service_delay', 'open', 2],
    ],
  );

  const utc = await supervisor.get('/api/reports/escalations-by-reason?from=2026-11-20&to=2026-11-20');
  assert.equal(utc.body.site, null);
  assert.deepEqual(
    utc.body.rows.map((r: Record<string, unknown>) => [r.site, r.reason, r.escalations]),
    [
      ['east', 'supervisor_request', 1],
      ['east', 'service_delay', 1],
      ['west', 'coverage_denial', 1],
    ],
  );
});

test('CSV comes with Accept: text/csv or a .csv suffix', async () => {
  const query = '?from=2026-11-20T00:00:00Z&to=2026-11-21T00:00:00Z';
  for (const [url, headers] of [
    [`/api/reports/escalations-by-reason${query}`, { accept: 'text/csv' }],
    [`/api/reports/escalations-by-reason.csv${query}`, {}],
  ] as const) {
    const response = await supervisor.get(url, headers);
    assert.equal(response.status, 200, url);
    assert.match(String(response.headers['content-type']), /^text\/csv/);
    assert.match(
      String(response.headers['content-disposition']),
      /escalations-by-reason_2026-11-20_2026-11-21\.csv/,
    );
    const lines = String(response.body).trimEnd().split('\r\n');
    assert.equal(lines[0], 'site,reason,reasonLabel,status,escalations,duringOutage');
    assert.ok(lines.includes('west,coverage_denial,Coverage Denial,open,1,0'), lines.join('\n'));
  }
});

test('task ageing buckets open tasks by team and age at the time of asking', async () => {
  const create = () =>
    supervisor.post('/api/tasks', { type: 'tier3', jobNumber: 'J-100100', details: 'Check the dispatch.' });
  assert.equal((await create()).status, 201);
  ctx.clock.advance(5 * 3_600_000);
  assert.equal((await create()).status, 201);
  ctx.clock.advance(30 * 60_000);
  const report = await ctx.as('lead.east@demo.test').get('/api/reports/task-ageing');
  assert.equal(report.status, 200);
  assert.equal(report.body.from, '1970-01-01T00:00:00.000Z');
  const [tier3] = rowsBy(report.body.rows, 'team', 'Tier 3');
  assert.equal(tier3.open, 2);
  assert.equal(tier3.under1h, 1);
  assert.equal(tier3.from4hTo24h, 1);
  assert.equal(tier3.oldestHours, 5.5);
  const west = await ctx.as('lead.east@demo.test').get('/api/reports/task-ageing?site=west');
  assert.deepEqual(rowsBy(west.body.rows, 'team', 'Tier 3'), []);
});

test('transfer waits: answered and abandoned requests with their waits, per site and local day', async () => {
  ctx.clock.set('2026-11-20T16:00:00Z');
  const lead = ctx.as('lead.east@demo.test');
  assert.equal((await lead.put('/api/me/presence', { presence: 'available' })).status, 200);
  const first = await eastAgent.post(
    `/api/escalations/${await escalate(eastAgent, ['service_delay'], '2026-11-20T16:00:00Z')}/transfer`,
    {},
  );
  assert.equal(first.status, 201);
  ctx.clock.advance(45_000);
  assert.equal((await lead.post(`/api/transfers/${first.body.id}/answer`, {})).status, 200);
  const second = await eastAgent.post(
    `/api/escalations/${await escalate(eastAgent, ['service_delay'], '2026-11-20T16:00:45Z')}/transfer`,
    {},
  );
  ctx.clock.advance(200_000);
  assert.equal((await eastAgent.post(`/api/transfers/${second.body.id}/abandon`, {})).status, 200);

  const report = await supervisor.get('/api/reports/transfer-waits?from=2026-11-20&to=2026-11-20&site=east');
  assert.equal(report.status, 200);
  assert.equal(report.body.rows.length, 1);
  const [day] = report.body.rows;
  assert.equal(day.date, '2026-11-20');
  assert.equal(day.requests, 2);
  assert.equal(day.answered, 1);
  assert.equal(day.abandoned, 1);
  assert.equal(day.averageAnswerSeconds, 45);
  assert.equal(day.answeredWithinThresholdPercent, 100);
  assert.equal(day.averageAbandonSeconds, 200);
});

test('promises kept and team scorecards count kept and broken promises per team', async () => {
  ctx.clock.set('2026-11-20T17:00:00Z');
  const comments = await eastAgent.get('/api/exception-comments?type=call_back');
  const opened = await eastAgent.post('/api/jobs/J-100110/exceptions', {
    type: 'call_back',
    commentId: comments.body.items[0].id,
  });
  assert.equal(opened.status, 201);
  const taskId = opened.body.task.id;
  const due = (minutes: number) => new Date(Date.parse('2026-11-20T17:00:00Z') + minutes * 60_000);
  await ctx.db
    .insertInto('task_promises')
    .values([
      { task_id: taskId, kind: 'first_contact', due_at: due(5), kept_at: due(3) },
      { task_id: taskId, kind: 'retry', due_at: due(20), broken_at: due(20) },
      { task_id: taskId, kind: 'reschedule_email', due_at: due(30) },
      { task_id: taskId, kind: 'retry', sequence: 2, due_at: due(40), superseded_at: due(35) },
    ])
    .execute();

  const kept = await supervisor.get('/api/reports/promises-kept?from=2026-11-20&to=2026-11-20&site=east');
  assert.equal(kept.status, 200);
  assert.deepEqual(
    kept.body.rows.map((r: Record<string, unknown>) => [
      r.team,
      r.kind,
      r.due,
      r.kept,
      r.broken,
      r.open,
      r.keptPercent,
    ]),
    [
      ['In-house Callbacks', 'first_contact', 1, 1, 0, 0, 100],
      ['In-house Callbacks', 'retry', 1, 0, 1, 0, 0],
      ['In-house Callbacks', 'reschedule_email', 1, 0, 0, 1, null],
    ],
  );

  const tier3Task = await ctx.db
    .selectFrom('tasks as t')
    .innerJoin('users as u', 'u.id', 't.assignee_id')
    .select(['t.id', 'u.email'])
    .where('t.type', '=', 'tier3')
    .orderBy('t.created_at')
    .executeTakeFirstOrThrow();
  const resolutions = await eastAgent.get('/api/resolution-reasons');
  const completed = await ctx.as(tier3Task.email).post(`/api/tasks/${tier3Task.id}/complete`, {
    resolutionReasonId: resolutions.body.items[0].id,
  });
  assert.equal(completed.status, 200);

  const cards = await ctx
    .as('admin@demo.test')
    .get('/api/reports/team-scorecards?from=2026-11-20&to=2026-11-20');
  assert.equal(cards.status, 200);
  const [inHouse] = rowsBy(cards.body.rows, 'team', 'In-house Callbacks');
  assert.equal(inHouse.created, 1);
  assert.equal(inHouse.openNow, 1);
  assert.equal(inHouse.promisesKept, 1);
  assert.equal(inHouse.promisesBroken, 1);
  assert.equal(inHouse.promisesKeptPercent, 50);
  const [tier3] = rowsBy(cards.body.rows, 'team', 'Tier 3');
  assert.equal(tier3.created, 2);
  assert.equal(tier3.completed, 1);
  assert.equal(tier3.openNow, 1);
  // Created at 15:00, completed at 17:00 (the clock was set there).
  assert.equal(tier3.averageHoursToComplete, 2);
  assert.equal(tier3.completedOnTimePercent, 100);
  assert.equal(cards.body.rows.length, (await ctx.db.selectFrom('teams').select('id').execute()).length);
});
