import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, test } from 'node:test';
import { timerHandlers } from '../src/jobs/handlers.ts';
import { runDueTimers } from '../src/jobs/runner.ts';
import { listenForNotifications } from '../src/jobs/wake.ts';
import { eventsChannel } from '../src/modules/events/publish.ts';
import { keepAlert } from '../src/modules/notifications/service.ts';
import { createTestContext } from './context.ts';
import { openEventStream, signInOverHttp } from './sse.ts';

// The tenant walk (docs/walls.md): records are made by the real flows of one site or team, then
// every route of the built app that takes an id is called with those ids by people outside their
// reach, and every list, count, search, report, export and feed is read by them. Outside records
// answer exactly like records that do not exist (404; 403 only where the role may never use the
// route), stay unchanged, and appear nowhere. Routes come from /api/openapi.json, so a new route is
// walked without anyone adding it here, or fails the walk until its parameter is mapped below.

// Registered before the context so it runs first: stop listening before the database goes away.
let stopListening = async () => {};
after(() => stopListening());

const ctx = await createTestContext();
await ctx.app.listen({ port: 0, host: '127.0.0.1' });
const address = ctx.app.server.address();
const baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
stopListening = await listenForNotifications(ctx.handle, eventsChannel, (id) => ctx.app.eventHub.notify(id));

type Kind =
  | 'job'
  | 'customer'
  | 'note'
  | 'escalation'
  | 'transfer'
  | 'permission'
  | 'appointment'
  | 'exception'
  | 'task'
  | 'apiToken'
  | 'notification';

/** A kind of record outside a caller's reach, with the strings that would give it away. */
type Outside = Partial<Record<Kind, string>> & { site: 'east' | 'west'; secrets: string[] };

async function must(response: { status: number; body: unknown }, status: number, what: string) {
  if (response.status !== status)
    throw new Error(`${what}: ${response.status} ${JSON.stringify(response.body)}`);
  // biome-ignore lint/suspicious/noExplicitAny: flows are read loosely
  return response.body as any;
}

/**
 * One site's whole escalation journey through the API: escalation, transfer (abandoned), callback
 * permission, approval and a booked callback (its appointment, Call Back exception and routed task).
 */
async function escalateAndBook(site: 'east' | 'west', jobNumber: string, start: string) {
  const agent = ctx.as(`agent.${site}@demo.test`);
  const escalation = await must(
    await agent.post('/api/escalations', {
      jobNumber,
      reasons: ['service_delay'],
      summary: `Walled ${site} escalation`,
    }),
    201,
    'escalation',
  );
  const transfer = await must(
    await agent.post(`/api/escalations/${escalation.id}/transfer`, {}),
    201,
    'transfer',
  );
  await must(await agent.post(`/api/transfers/${transfer.id}/abandon`, {}), 200, 'abandon');
  const permission = await must(
    await agent.post(`/api/escalations/${escalation.id}/callback-permission`, {}),
    201,
    'permission',
  );
  await must(
    await ctx
      .as(`supervisor.${site}@demo.test`)
      .post(`/api/callback-permissions/${permission.id}/approve`, {}),
    200,
    'approval',
  );
  const booked = await must(
    await agent.post(`/api/sites/${site}/appointments`, {
      escalationId: escalation.id,
      start,
      customerTimeZone: 'America/New_York',
    }),
    201,
    'booking',
  );
  return {
    escalation: escalation.id as string,
    transfer: transfer.id as string,
    permission: permission.id as string,
    appointment: booked.appointment.id as string,
    exception: booked.exception.id as string,
    task: booked.task.id as string,
  };
}

async function openCallBack(email: string, jobNumber: string) {
  const comment = await ctx.db
    .selectFrom('exception_comments as c')
    .innerJoin('exception_types as t', 't.id', 'c.exception_type_id')
    .select('c.id')
    .where('t.code', '=', 'call_back')
    .where('c.reason_id', 'is', null)
    .executeTakeFirstOrThrow();
  const body = await must(
    await ctx
      .as(email)
      .post(`/api/jobs/${jobNumber}/exceptions`, { type: 'call_back', commentId: comment.id }),
    201,
    `call back on ${jobNumber}`,
  );
  return { exception: body.exception.id as string, task: body.task.id as string, team: body.task.team.kind };
}

// Customers with their jobs; the walk needs four with distinct names: A (in-house only), B (the
// BPO's own work), C (West's journey) and D with two jobs (in-house on one, the BPO on the other).
const customers = await ctx.db
  .selectFrom('customers as c')
  .innerJoin('jobs as j', 'j.customer_id', 'c.id')
  .select(['c.id', 'c.name', 'c.phone', 'c.email', 'j.number'])
  .orderBy('j.number')
  .execute();
const byCustomer = new Map<string, typeof customers>();
for (const row of customers) byCustomer.set(row.id, [...(byCustomer.get(row.id) ?? []), row]);
const names = new Map<string, number>();
for (const [first] of byCustomer.values()) names.set(first!.name, (names.get(first!.name) ?? 0) + 1);
const distinct = [...byCustomer.values()].filter((jobs) => names.get(jobs[0]!.name) === 1);
const single = distinct.filter((jobs) => jobs.length === 1);
const [a, b, c] = [single[0]![0]!, single[1]![0]!, single[2]![0]!];
const d = distinct.find((jobs) => jobs.length === 2)!;
const [d1, d2] = [d[0]!, d[1]!];

// In-house work (East): the journey on A's job, a note on it, and a Call Back on D's first job.
const east = await escalateAndBook('east', a.number, '2026-12-01T09:00:00-05:00');
const eastNote = await must(
  await ctx.as('agent.east@demo.test').post(`/api/jobs/${a.number}/notes`, { body: 'Walled in-house note' }),
  201,
  'note',
);
const eastOnD = await openCallBack('agent.east@demo.test', d1.number);
// West's journey on C's job, and the BPO's own work on B's job and D's second job.
const west = await escalateAndBook('west', c.number, '2026-12-01T09:00:00-08:00');
const bpoOnB = await openCallBack('agent.west@demo.test', b.number);
const bpoOnD = await openCallBack('agent.west@demo.test', d2.number);
// Someone else's API token: only its owner may revoke it.
const adminToken = await must(
  await ctx.as('admin@demo.test').post('/api/me/api-tokens', { name: 'walled token' }),
  201,
  'api token',
);

// Someone else's notification (the East supervisor's alert): only its recipient reads or marks it.
const supervisorEast = await ctx.db
  .selectFrom('users')
  .select('id')
  .where('email', '=', 'supervisor.east@demo.test')
  .executeTakeFirstOrThrow();
await keepAlert(
  ctx.db,
  { userIds: [supervisorEast.id], teamId: null },
  {
    kind: 'callback.promise_broken',
    taskId: east.task,
    title: 'Promise broken',
    body: 'Walled alert',
    at: null,
  },
);
const eastAlert = await ctx.db
  .selectFrom('notifications')
  .select('id')
  .where('user_id', '=', supervisorEast.id)
  .executeTakeFirstOrThrow();

const eastTask = await ctx.db
  .selectFrom('tasks as t')
  .innerJoin('teams as m', 'm.id', 't.team_id')
  .select('m.kind')
  .where('t.id', '=', east.task)
  .executeTakeFirstOrThrow();

const eastRecords = [east.escalation, east.transfer, east.permission, east.appointment, east.task];
const westRecords = [west.escalation, west.transfer, west.permission, west.appointment, west.task];

/** What each caller must never reach, by kind, and every string that would show they learned of it. */
const outside: Record<string, Outside> = {
  'cb.bpo@demo.test': {
    site: 'east',
    apiToken: adminToken.id,
    notification: eastAlert.id,
    job: a.number,
    customer: a.id,
    note: eastNote.id,
    escalation: east.escalation,
    transfer: east.transfer,
    permission: east.permission,
    appointment: east.appointment,
    exception: east.exception,
    task: east.task,
    secrets: [
      ...eastRecords,
      east.exception,
      eastNote.id,
      eastOnD.exception,
      eastOnD.task,
      a.id,
      a.number,
      a.name,
      a.phone,
      ...(a.email ? [a.email] : []),
      d1.number,
    ],
  },
  'agent.west@demo.test': {
    site: 'east',
    apiToken: adminToken.id,
    notification: eastAlert.id,
    escalation: east.escalation,
    transfer: east.transfer,
    permission: east.permission,
    appointment: east.appointment,
    task: east.task,
    secrets: eastRecords,
  },
  'agent.east@demo.test': {
    site: 'west',
    apiToken: adminToken.id,
    notification: eastAlert.id,
    escalation: west.escalation,
    transfer: west.transfer,
    permission: west.permission,
    appointment: west.appointment,
    task: west.task,
    secrets: westRecords,
  },
};
const callers = Object.keys(outside);

type OpenApi = {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
};
type Operation = {
  parameters?: { in: string; name: string; schema?: Schema }[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
};
type Schema = {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  minLength?: number;
  minimum?: number;
  minItems?: number;
  minProperties?: number;
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
};
const document = (await ctx.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as OpenApi;

function resolve(schema: Schema): Schema {
  if (!schema.$ref) return schema;
  const name = schema.$ref.split('/').at(-1)!;
  return resolve(document.components?.schemas?.[name] ?? {});
}

/** The smallest body the schema accepts, so a request reaches the service rather than stopping at validation. */
function sampleOf(raw: Schema, name = ''): unknown {
  const schema = resolve(raw);
  // Services check what a schema cannot (a real zone, an instant) before they look anything up.
  if (/time ?zone|^tz$/i.test(name)) return 'America/New_York';
  if (/^(start|dueAt)$/.test(name)) return '2026-12-02T10:00:00-05:00';
  if (schema.const !== undefined) return schema.const;
  if (schema.enum?.length) return schema.enum[0];
  const choice = schema.anyOf ?? schema.oneOf;
  if (choice?.length) return sampleOf(choice.find((s) => resolve(s).type !== 'null') ?? choice[0]!);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  if (type === 'object' || schema.properties) {
    const body: Record<string, unknown> = {};
    const keys = [...(schema.required ?? [])];
    const optional = Object.keys(schema.properties ?? {}).filter((key) => !keys.includes(key));
    keys.push(...optional.slice(0, Math.max(0, (schema.minProperties ?? 0) - keys.length)));
    for (const key of keys) body[key] = sampleOf(schema.properties?.[key] ?? {}, key);
    return body;
  }
  if (type === 'array')
    return Array.from({ length: schema.minItems ?? 0 }, () => sampleOf(schema.items ?? {}));
  if (type === 'integer' || type === 'number') return schema.minimum ?? 1;
  if (type === 'boolean') return false;
  if (schema.format === 'uuid') return randomUUID();
  if (schema.format === 'date-time') return '2026-12-02T10:00:00-05:00';
  if (schema.format === 'date') return '2026-12-02';
  if (schema.format === 'email') return 'walk@example.test';
  return 'x'.repeat(Math.max(1, schema.minLength ?? 1));
}

/**
 * How the walk reaches each route with a path parameter: the kind of record the parameter names
 * (the caller's outside record of that kind is used, where they have one), or why the route is
 * walled another way. A route matching no rule fails the walk, naming the route.
 */
type Wall =
  | { kind: Kind; inBody?: string; slugOf?: (id: string) => string }
  /** Only some roles may use the route at all; the callers walked here are not among them. */
  | { roleOnly: string }
  /** Walled by a secret token in the path or query instead of a signed-in person. */
  | { token: 'manage' | 'calendar' }
  /** Not a record: the desk's open windows, offered to every signed-in person (callback workers reschedule). */
  | { open: string };

const siteOfEscalation = (id: string) => (id === west.escalation ? 'west' : 'east');

const walls: [RegExp, Wall][] = [
  [/^\/api\/admin\//, { roleOnly: 'admin' }],
  [/^\/api\/integrations\//, { roleOnly: 'integration (API token) or admin' }],
  [/^\/api\/reports\/\{name\}$/, { roleOnly: 'overseers' }],
  [/^\/api\/desk\/\{siteSlug\}\//, { roleOnly: 'members of that Leadership Desk' }],
  [/^\/api\/jobs\/\{number\}/, { kind: 'job' }],
  [/^\/api\/customers\/\{id\}/, { kind: 'customer' }],
  [/^\/api\/escalations\/\{id\}/, { kind: 'escalation' }],
  [/^\/api\/transfers\/\{id\}/, { kind: 'transfer' }],
  [/^\/api\/callback-permissions\/\{id\}/, { kind: 'permission' }],
  [/^\/api\/tasks\/\{id\}/, { kind: 'task' }],
  [/^\/api\/appointments\/\{id\}/, { kind: 'appointment' }],
  [/^\/api\/me\/api-tokens\/\{id\}$/, { kind: 'apiToken' }],
  [/^\/api\/notifications\/\{id\}\//, { kind: 'notification' }],
  [
    /^\/api\/sites\/\{slug\}\/appointments$/,
    { kind: 'escalation', inBody: 'escalationId', slugOf: siteOfEscalation },
  ],
  [/^\/api\/sites\/\{slug\}\/availability$/, { open: 'open windows of a desk' }],
  [/^\/api\/sites\/\{slug\}\/calendar\.ics$/, { token: 'calendar' }],
  [/^\/api\/manage\/\{token\}\//, { token: 'manage' }],
];

const paramRoutes = Object.entries(document.paths).filter(([path]) => path.includes('{'));
const listRoutes = Object.entries(document.paths).filter(([path]) => !path.includes('{'));

/** A value that names no record of the kind (what an outside record must be indistinguishable from). */
const missing = (kind: Kind) => (kind === 'job' ? 'J-999999' : randomUUID());

async function call(email: string | null, method: string, url: string, body?: unknown) {
  const user = email ? ctx.as(email) : ctx.anonymous;
  switch (method) {
    case 'get':
      return user.get(url);
    case 'delete':
      return user.delete(url);
    case 'post':
      return user.post(url, body);
    case 'patch':
      return user.patch(url, body);
    default:
      return user.put(url, body);
  }
}

function bodyFor(operation: Operation): unknown {
  const schema = operation.requestBody?.content?.['application/json']?.schema;
  return schema ? sampleOf(schema) : undefined;
}

const fill = (path: string, value: string) => path.replace(/\{[^}]+\}/g, encodeURIComponent(value));

function leaksIn(text: string, secrets: string[]): string[] {
  return secrets.filter((secret) => text.includes(secret));
}

const walledTables = [
  'jobs',
  'job_parts',
  'job_notes',
  'customers',
  'escalations',
  'escalation_reason_links',
  'transfer_requests',
  'callback_permissions',
  'appointments',
  'exceptions',
  'tasks',
  'call_attempts',
  'task_promises',
  'outbound_messages',
  'timers',
  'api_tokens',
  'notifications',
] as const;

async function snapshot(): Promise<Record<string, string>> {
  const tables: Record<string, string> = {};
  for (const table of walledTables) {
    // biome-ignore lint/suspicious/noExplicitAny: every walled table, compared as text
    const rows = await (ctx.db as any).selectFrom(table).selectAll().execute();
    tables[table] = JSON.stringify(rows.map((row: unknown) => JSON.stringify(row)).sort());
  }
  return tables;
}

test('the walk starts from work routed as the walls expect', () => {
  assert.equal(eastTask.kind, 'captive', 'a booking of the East desk is worked in house');
  assert.equal(bpoOnB.team, 'bpo', "a West agent's Call Back goes to the BPO");
  assert.equal(bpoOnD.team, 'bpo');
});

test('every route with a path parameter is walled: outside records answer like missing ones and stay unchanged', async () => {
  const before = await snapshot();
  const failures: string[] = [];
  for (const [path, operations] of paramRoutes) {
    const wall = walls.find(([pattern]) => pattern.test(path))?.[1];
    if (!wall) {
      failures.push(`${path}: the walk cannot map its parameter to a record; add it to \`walls\``);
      continue;
    }
    for (const [method, operation] of Object.entries(operations)) {
      const route = `${method.toUpperCase()} ${path}`;
      for (const email of callers) {
        const secrets = outside[email]!.secrets;
        const answer = async (value: string, slug?: string) => {
          let url = fill(path, value);
          let body = bodyFor(operation);
          if ('kind' in wall && wall.inBody) {
            url = fill(path, slug ?? 'east');
            body = { ...(body as object), [wall.inBody]: value };
          }
          if ('token' in wall && wall.token === 'calendar')
            url = `${fill(path, outside[email]!.site)}?token=${value}`;
          return call('token' in wall ? null : email, method, url, body);
        };
        if ('kind' in wall) {
          const id = outside[email]![wall.kind];
          if (!id) continue; // nothing of this kind is outside this caller's reach
          const got = await answer(id, wall.slugOf?.(id));
          const none = await answer(missing(wall.kind), wall.slugOf?.(id));
          const isWalled = (got.status === 404 || got.status === 403) && got.status === none.status;
          if (!isWalled)
            failures.push(
              `${route} as ${email}: ${got.status} for an outside ${wall.kind}, ${none.status} for none`,
            );
          const leaks = leaksIn(
            JSON.stringify(got.body),
            secrets.filter((s) => s !== id),
          );
          if (leaks.length) failures.push(`${route} as ${email} gives away ${leaks.join(', ')}`);
        } else if ('roleOnly' in wall) {
          const got = await answer(path.includes('{siteSlug}') ? outside[email]!.site : randomUUID());
          if (got.status !== 403)
            failures.push(`${route} as ${email}: ${got.status}, expected 403 (${wall.roleOnly} only)`);
        } else if ('token' in wall) {
          // Forged: a token for the outside appointment or desk that the server never signed.
          const forged =
            wall.token === 'manage'
              ? `${Buffer.from(`{"a":"${east.appointment}"}`).toString('base64url')}.forged`
              : 'forged';
          const got = await answer(forged);
          if (got.status !== 404 && got.status !== 403)
            failures.push(`${route} with a forged token: ${got.status}`);
          if (leaksIn(JSON.stringify(got.body), secrets).length)
            failures.push(`${route} with a forged token leaks`);
        } else {
          const got = await answer(outside[email]!.site);
          const leaks = leaksIn(JSON.stringify(got.body), secrets);
          if (leaks.length)
            failures.push(`${route} as ${email} (${wall.open}) gives away ${leaks.join(', ')}`);
        }
      }
    }
  }
  assert.deepEqual(failures, []);
  assert.deepEqual(await snapshot(), before, 'no outside record changed');
});

/** Query strings for a list route: none, and each declared filter set to outside values. */
function queriesFor(operation: Operation, email: string): string[] {
  const values: Record<string, string[]> = {
    q: [a.number, a.name, a.phone, a.phone.slice(-6), '+1555', 'J-'],
    customerId: [a.id, d.at(0)!.id],
    jobNumber: [a.number, d1.number],
    escalationId: [east.escalation, west.escalation],
    status: ['open', 'pending', 'approved'],
  };
  const declared = (operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
  const queries = [''];
  for (const name of declared) {
    for (const value of values[name] ?? []) queries.push(`?${name}=${encodeURIComponent(value)}`);
  }
  if (declared.includes('from')) queries.push('?from=2026-11-01T00:00:00Z&to=2027-01-01T00:00:00Z');
  return email ? queries : [''];
}

test('no list, count, search, report, export or feed carries an outside record', async () => {
  const failures: string[] = [];
  for (const [path, operations] of listRoutes) {
    const operation = operations.get;
    if (!operation || path === '/api/events' || path === '/api/openapi.json') continue;
    for (const email of callers) {
      for (const query of queriesFor(operation, email)) {
        for (const accept of ['application/json', 'text/csv']) {
          const got = await ctx.as(email).get(`${path}${query}`, { accept });
          const leaks = leaksIn(
            typeof got.body === 'string' ? got.body : JSON.stringify(got.body),
            outside[email]!.secrets,
          );
          if (leaks.length)
            failures.push(`GET ${path}${query} (${accept}) as ${email} gives away ${leaks.join(', ')}`);
        }
      }
    }
  }
  assert.deepEqual(failures, []);
});

test('counts leave outside records out; reports and the mailbox refuse these roles', async () => {
  for (const email of callers) {
    const user = ctx.as(email);
    const outsideCustomer = email === 'agent.east@demo.test' ? c : a;
    for (const filter of [`customerId=${outsideCustomer.id}`, `jobNumber=${outsideCustomer.number}`]) {
      const counts = await user.get(`/api/tasks/counts?${filter}`);
      assert.equal(counts.body.total, 0, `${email} counts ${filter}`);
    }
    assert.equal((await user.get('/api/reports')).status, 403);
    assert.equal((await user.get('/api/mailbox')).status, 403);
  }
  const bpo = ctx.as('cb.bpo@demo.test');
  // The shared customer: the BPO counts its own task there, not the in-house one.
  assert.equal((await bpo.get(`/api/tasks/counts?customerId=${d1.id}`)).body.total, 1);
});

test('the customer link pages are walled by their signature: a forged link reaches nothing', async () => {
  const before = await snapshot();
  const forged = `${Buffer.from(`{"p":"manage","a":"${east.appointment}","exp":9999999999999}`).toString('base64url')}.forged`;
  for (const [method, url] of [
    ['GET', `/manage/${forged}`],
    ['POST', `/manage/${forged}/cancel`],
    ['POST', `/manage/${forged}/reschedule`],
    ['POST', `/manage/${forged}/rebook`],
  ] as const) {
    const response = await ctx.app.inject({
      method,
      url,
      ...(method === 'POST' ? { payload: { start: '2026-12-02T10:00:00-05:00' } } : {}),
    });
    assert.ok([403, 404].includes(response.statusCode), `${method} ${url}: ${response.statusCode}`);
    assert.deepEqual(
      leaksIn(
        response.body,
        outside['cb.bpo@demo.test']!.secrets.filter((x) => x !== east.appointment),
      ),
      [],
    );
  }
  assert.deepEqual(await snapshot(), before);
});

test("a BPO user's Customer View of a shared customer shows only the BPO's records", async () => {
  const view = await ctx.as('cb.bpo@demo.test').get(`/api/customers/${d1.id}/view`);
  assert.equal(view.status, 200);
  assert.deepEqual(
    view.body.jobs.map((j: { number: string }) => j.number),
    [d2.number],
  );
  assert.deepEqual(
    view.body.exceptions.map((e: { id: string }) => e.id),
    [bpoOnD.exception],
  );
  assert.deepEqual(
    view.body.tasks.map((t: { id: string }) => t.id),
    [bpoOnD.task],
  );
  assert.deepEqual(view.body.escalations, []);
  assert.deepEqual(view.body.appointments, []);
  assert.equal((await ctx.as('cb.bpo@demo.test').get(`/api/jobs/${d1.number}`)).status, 404);
  const own = await ctx.as('cb.bpo@demo.test').get(`/api/jobs/${d2.number}`);
  assert.equal(own.status, 200);
  assert.deepEqual(
    own.body.exceptions.map((e: { id: string }) => e.id),
    [bpoOnD.exception],
  );
});

test('live events: nobody outside hears of in-house work, in replay or live', async () => {
  const streams = new Map<string, Awaited<ReturnType<typeof openEventStream>>>();
  for (const email of callers) {
    streams.set(email, await openEventStream(baseUrl, await signInOverHttp(baseUrl, email), 1));
  }
  try {
    // In-house writes while they listen: a task moved, the East booking moved, a new East transfer.
    const captive = ctx.as('cb.captive@demo.test');
    await must(await captive.patch(`/api/tasks/${east.task}`, { status: 'in_progress' }), 200, 'task move');
    await must(
      await ctx.as('agent.east@demo.test').post(`/api/appointments/${east.appointment}/reschedule`, {
        start: '2026-12-01T10:00:00-05:00',
      }),
      200,
      'reschedule',
    );
    const again = await must(
      await ctx.as('agent.east@demo.test').post('/api/escalations', {
        jobNumber: a.number,
        reasons: ['service_delay'],
        summary: 'Walled again',
      }),
      201,
      'escalation',
    );
    await must(
      await ctx.as('agent.east@demo.test').post(`/api/escalations/${again.id}/transfer`, {}),
      201,
      'transfer',
    );
    await must(await captive.patch(`/api/tasks/${east.task}`, { status: 'waiting' }), 200, 'task move');
    // And the callback clocks: reminders, due times and broken promises of every task, in-house too.
    ctx.clock.set('2026-12-01T18:00:00Z');
    assert.ok((await runDueTimers(ctx.deps, timerHandlers)).fired > 0, 'callback timers fired');
    // Then something everyone hears: once it arrived, anything about the writes above would have too.
    await must(
      await ctx
        .as('admin@demo.test')
        .post('/api/admin/reasons', { code: 'walk_marker', label: 'Walk marker' }),
      201,
      'marker',
    );
    const failures: string[] = [];
    for (const [email, stream] of streams) {
      await stream.next((e) => e.type === 'catalog.updated');
      const secrets = [...outside[email]!.secrets, ...(email === 'agent.east@demo.test' ? [] : [again.id])];
      const leaks = leaksIn(JSON.stringify(stream.events), secrets);
      if (leaks.length) failures.push(`${email} heard of ${leaks.join(', ')}`);
    }
    assert.deepEqual(failures, []);
  } finally {
    for (const stream of streams.values()) stream.close();
  }
});

test('inside the walls each role reaches what docs/walls.md gives it, and no more', async () => {
  type Reach = { job: number; customer: number; escalation: number; task: number; appointment: boolean };
  const all: Reach = { job: 200, customer: 200, escalation: 200, task: 200, appointment: true };
  const none: Reach = { job: 404, customer: 404, escalation: 404, task: 404, appointment: false };
  const otherAgent: Reach = { job: 200, customer: 200, escalation: 404, task: 404, appointment: false };
  // What each role reaches of the East journey on A's job (booked by agent.east, worked in house).
  const expected: Record<string, Reach> = {
    'admin@demo.test': all,
    'supervisor.west@demo.test': all,
    'lead.west@demo.test': all,
    'sme.east@demo.test': all,
    'agent.east@demo.test': all,
    'cb.captive@demo.test': all,
    'agent.west@demo.test': otherAgent,
    'tier2@demo.test': otherAgent,
    'cb.bpo@demo.test': none,
    'tier3@demo.test': none,
    'purchasing@demo.test': none,
  };
  const failures: string[] = [];
  for (const [email, reach] of Object.entries(expected)) {
    const user = ctx.as(email);
    const view = await user.get(`/api/customers/${a.id}/view`);
    const got: Reach = {
      job: (await user.get(`/api/jobs/${a.number}`)).status,
      customer: view.status,
      escalation: (await user.get(`/api/escalations/${east.escalation}`)).status,
      task: (await user.get(`/api/tasks/${east.task}`)).status,
      appointment: JSON.stringify(view.body).includes(east.appointment),
    };
    if (JSON.stringify(got) !== JSON.stringify(reach))
      failures.push(`${email}: ${JSON.stringify(got)}, expected ${JSON.stringify(reach)}`);
  }
  assert.deepEqual(failures, []);
});
