import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import fc from 'fast-check';
import { sql } from 'kysely';
import { createManageToken } from '../src/modules/booking/manage-token.ts';
import { listReports } from '../src/modules/reports/service.ts';
import { createTestContext } from './context.ts';

// Every route of the OpenAPI document, fuzzed from its own documented schemas: fast-check builds
// path parameters, query strings, headers and bodies, some shaped as documented (with ids and codes
// that exist, so handlers are reached) and some hostile (control characters, NUL, huge strings,
// lone surrogates, wrong types, missing fields, malformed or oversized bodies). Every answer must be
// documented for its route: no 500, a documented status and content type, a body that matches the
// documented schema, and every 4xx a problem document with a `code`.
//
// Replay: the seed is fixed in CI and random locally; a failure prints it, and
// `FUZZ_SEED=<seed> npm test -- test/fuzz-routes.test.ts` runs the same cases on the same demo
// data (records the run creates get fresh ids, so a replay is close, not always exact). FUZZ_RUNS
// sets the cases per route; FUZZ_STATS=1 prints the answers each route gave, FUZZ_DEBUG=<part of a
// route> every request to matching routes.

// ajv-formats is CommonJS with `exports.default`: under Node's ESM its default import is the module.
const addFormats = addFormatsModule.default;
const seed = Number(
  process.env.FUZZ_SEED ?? (process.env.CI ? 20261201 : Math.floor(Math.random() * 2 ** 31)),
);
const runsPerRoute = Number(process.env.FUZZ_RUNS ?? 20);
/** Fewer cases where each one hashes a password (~0.3 s): signing in and out, creating users. */
const slowRoutes = new Set([
  'POST /api/session',
  'DELETE /api/session',
  'POST /api/admin/users',
  'PATCH /api/admin/users/{id}',
]);

type Schema = Record<string, unknown>;
type Parameter = {
  in: 'path' | 'query' | 'header';
  name: string;
  required?: boolean;
  description?: string;
  schema: Schema;
};
type Operation = {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses: Record<string, { content?: Record<string, { schema: Schema }> }>;
};

const ctx = await createTestContext();
const document = (await ctx.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
  paths: Record<string, Record<string, Operation>>;
};

/** Routes not fuzzed, each with the reason. */
const skipped: Record<string, string> = {
  'GET /api/events':
    'a Server-Sent Events stream stays open, so one request never ends; its headers and errors are checked below',
};

// --- Sessions ------------------------------------------------------------------------------------

const adminEmail = 'admin@demo.test';
const actors = [adminEmail, 'agent.east@demo.test', 'lead.east@demo.test', 'supervisor.west@demo.test'];
const cookies = new Map<string, string>();

async function signIn(email: string): Promise<string> {
  const response = await ctx.app.inject({
    method: 'POST',
    url: '/api/session',
    payload: { email, password: 'demo' },
  });
  assert.equal(response.statusCode, 200, `sign-in of ${email}: ${response.body}`);
  return response.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
}

for (const email of actors) cookies.set(email, await signIn(email));

/** A fuzzed route may end someone's session (deactivating a user, signing out): sign in again. */
async function keepSessionsAlive() {
  for (const email of actors) {
    const me = await ctx.app.inject({
      method: 'GET',
      url: '/api/me',
      headers: { cookie: cookies.get(email)! },
    });
    if (me.statusCode === 401) cookies.set(email, await signIn(email));
  }
}

// --- Values that exist, so valid-shaped requests reach the handlers ----------------------------

const actorIds = (await ctx.db.selectFrom('users').select('id').where('email', 'in', actors).execute()).map(
  (u) => `'${u.id}'`,
);

const reportNames = listReports().map((report) => report.name);

/** The table behind a path segment or an `…Id` field. */
const tableByName: Record<string, string> = {
  tasks: 'tasks',
  task: 'tasks',
  escalations: 'escalations',
  escalation: 'escalations',
  transfers: 'transfer_requests',
  transfer: 'transfer_requests',
  'callback-permissions': 'callback_permissions',
  customers: 'customers',
  customer: 'customers',
  appointments: 'appointments',
  appointment: 'appointments',
  reasons: 'escalation_reasons',
  reason: 'escalation_reasons',
  'exception-types': 'exception_types',
  exceptionType: 'exception_types',
  'resolution-reasons': 'resolution_reasons',
  resolutionReason: 'resolution_reasons',
  'tier2-resolution-types': 'tier2_resolution_types',
  tier2ResolutionType: 'tier2_resolution_types',
  'exception-comments': 'exception_comments',
  comment: 'exception_comments',
  teams: 'teams',
  team: 'teams',
  matchTeam: 'teams',
  users: 'users',
  user: 'users',
  assignee: 'users',
  supervisor: 'users',
  directAssignee: 'users',
  matchUser: 'users',
  'routing-rules': 'routing_rules',
  outages: 'outages',
  schedules: 'member_schedules',
  'schedule-exceptions': 'schedule_exceptions',
  exception: 'exceptions',
  site: 'sites',
  matchSite: 'sites',
};

type Known = {
  ids: Map<string, string[]>;
  jobNumbers: string[];
  slugs: string[];
  codes: string[];
  emails: string[];
  feedTokens: string[];
  manageTokens: string[];
  reportNames: string[];
};

async function column(query: string): Promise<string[]> {
  const result = await sql<{ v: string }>`${sql.raw(query)}`.execute(ctx.db);
  return result.rows.map((row) => String(row.v));
}

/** Read again before each route: fuzzed writes create records that later routes should meet. */
async function readKnown(): Promise<Known> {
  const ids = new Map<string, string[]>();
  for (const table of new Set(Object.values(tableByName))) {
    // The actors are left out: fuzzing PATCH /api/admin/users/{id} with their ids changes their
    // password or role, and every later route would answer them only 401 or 403.
    const except = table === 'users' ? ` where id not in (${actorIds.join(', ')})` : '';
    ids.set(table, await column(`select id::text as v from ${table}${except} order by id limit 60`));
  }
  return {
    ids,
    jobNumbers: await column('select number as v from jobs order by number limit 60'),
    slugs: await column('select slug as v from sites order by slug'),
    codes: await column(
      'select code as v from escalation_reasons union select code from exception_types union select code from resolution_reasons',
    ),
    emails: await column('select email as v from users order by email'),
    feedTokens: await column('select calendar_token as v from sites order by slug'),
    manageTokens: (
      await ctx.db.selectFrom('appointments').select(['id', 'ends_at']).orderBy('id').limit(20).execute()
    ).map((appointment) => createManageToken(ctx.deps.config, appointment)),
    reportNames: reportNames.flatMap((name) => [name, `${name}.csv`]),
  };
}

// --- Arbitraries from schemas --------------------------------------------------------------------

const zones = ['America/New_York', 'America/Los_Angeles', 'Europe/London', 'UTC', 'Asia/Kathmandu'];
const isoTime = fc
  .date({ min: new Date('2026-11-01T00:00:00Z'), max: new Date('2027-01-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => new Date(Math.round(d.getTime() / 1_800_000) * 1_800_000).toISOString());
const isoDate = isoTime.map((t) => t.slice(0, 10));
/** Well-formed times and dates at the edges: far past and future, extreme offsets, DST changes, leap days. */
const edgeTime = fc.constantFrom(
  '0001-01-01T00:00:00Z',
  '9999-12-31T23:59:59Z',
  '1970-01-01T00:00:00Z',
  '2026-11-26T10:00:00+14:00',
  '2026-11-26T10:00:00-12:00',
  '2026-11-01T06:30:00Z',
  '2027-03-14T07:00:00Z',
  '2026-11-26T15:00:00.123456Z',
);
const edgeDate = fc.constantFrom(
  '0001-01-01',
  '9999-12-31',
  '2028-02-29',
  '2026-11-01',
  '2027-03-14',
  '1970-01-01',
);
const controls = fc
  .integer({ min: 0, max: 0x1f })
  .chain((c) => fc.constantFrom(String.fromCharCode(c), '\u0000', '\u007f'));

/** Strings a careless or hostile client sends. */
const hostileString = fc.oneof(
  fc
    .tuple(fc.string({ maxLength: 20 }), controls, fc.string({ maxLength: 20 }))
    .map(([a, c, b]) => `${a}${c}${b}`),
  fc.constantFrom(1_000, 10_000, 200_000).map((n) => 'x'.repeat(n)),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom(
    '',
    ' ',
    '%00',
    '../../etc/passwd',
    "' or 1=1 --",
    '<script>',
    'NaN',
    '-1',
    '1e309',
    '💥',
    '\uFEFF',
  ),
);
const wrongType = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
);

/** Values that exist for a field of this name, if it names something we store. */
function knownFor(name: string, known: Known, segment?: string): string[] {
  if (/^(number|jobNumber)$/.test(name)) return known.jobNumbers;
  if (/^(slug|siteSlug|site|siteSlugs)$/.test(name)) return known.slugs;
  if (/^(reasons|code|escalationType|reason|reasonCode|type)$/.test(name)) return known.codes;
  if (name === 'token') return segment === 'manage' ? known.manageTokens : known.feedTokens;
  if (name === 'name' && segment === 'reports') return known.reportNames;
  if (name === 'email') return known.emails;
  if (/^(tz|timeZone|customerTimeZone)$/.test(name)) return zones;
  const table = name === 'id' && segment ? tableByName[segment] : tableByName[name.replace(/Ids?$/, '')];
  return table ? (known.ids.get(table) ?? []) : [];
}

function validString(schema: Schema): fc.Arbitrary<string> {
  const maxLength = Math.min(Number(schema.maxLength ?? 60), 300);
  const minLength = Number(schema.minLength ?? 0);
  const description = String(schema.description ?? '');
  if (schema.format === 'uuid') return fc.uuid();
  if (schema.format === 'date-time' || /ISO/.test(description)) {
    return fc.oneof({ weight: 4, arbitrary: isoTime }, { weight: 1, arbitrary: edgeTime });
  }
  if (schema.format === 'date' || /YYYY-MM-DD/.test(description)) {
    return fc.oneof({ weight: 4, arbitrary: isoDate }, { weight: 1, arbitrary: edgeDate });
  }
  if (schema.format === 'email') return fc.emailAddress().filter((e) => e.length <= maxLength);
  if (/IANA/.test(description)) return fc.constantFrom(...zones);
  if (typeof schema.pattern === 'string') {
    return fc
      .stringMatching(new RegExp(schema.pattern))
      .filter((s) => s.length >= minLength && s.length <= maxLength);
  }
  const longest =
    typeof schema.maxLength === 'number'
      ? fc.constantFrom('x', 'é', '💥').map((c) => c.repeat(maxLength))
      : fc.constant('x'.repeat(5000));
  return fc.oneof(
    {
      weight: 4,
      arbitrary: fc.string({ minLength, maxLength: Math.max(minLength, Math.min(maxLength, 80)) }),
    },
    { weight: 1, arbitrary: longest },
  );
}

/**
 * An arbitrary for a value of `schema`. With `isHostile`, any value may be replaced by a hostile
 * one and objects may lose required fields or gain unknown ones.
 */
function arbitraryOf(
  schema: Schema,
  name: string,
  known: Known,
  isHostile: boolean,
  depth = 0,
): fc.Arbitrary<unknown> {
  const valid = validOf(schema, name, known, isHostile, depth);
  if (!isHostile) return valid;
  const hostile =
    schema.type === 'object' || schema.type === 'array' ? wrongType : fc.oneof(hostileString, wrongType);
  return fc.oneof({ weight: 3, arbitrary: valid }, { weight: 1, arbitrary: hostile });
}

function validOf(
  schema: Schema,
  name: string,
  known: Known,
  isHostile: boolean,
  depth: number,
): fc.Arbitrary<unknown> {
  const branches = (schema.anyOf ?? schema.oneOf) as Schema[] | undefined;
  if (branches) return fc.oneof(...branches.map((b) => arbitraryOf(b, name, known, isHostile, depth)));
  if (Array.isArray(schema.enum)) return fc.constantFrom(...schema.enum);
  if ('const' in schema) return fc.constant(schema.const);
  switch (schema.type) {
    case 'string': {
      const existing = knownFor(name, known);
      const shaped = validString(schema);
      return existing.length
        ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...existing) }, { weight: 1, arbitrary: shaped })
        : shaped;
    }
    case 'integer':
    case 'number': {
      const min = Number(schema.minimum ?? -1000);
      const max = Number(schema.maximum ?? 100_000);
      return schema.type === 'integer' ? fc.integer({ min, max }) : fc.double({ min, max, noNaN: true });
    }
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const items = (schema.items as Schema | undefined) ?? {};
      return fc.array(arbitraryOf(items, name, known, isHostile, depth + 1), {
        minLength: Number(schema.minItems ?? 0),
        maxLength: Math.min(Number(schema.maxItems ?? 4), 4),
      });
    }
    case 'object': {
      const properties = (schema.properties ?? {}) as Record<string, Schema>;
      const required = (schema.required ?? []) as string[];
      const record = fc.record(
        Object.fromEntries(
          Object.entries(properties).map(([key, child]) => [
            key,
            arbitraryOf(child, key, known, isHostile, depth + 1),
          ]),
        ),
        { requiredKeys: isHostile ? [] : required.filter((key) => key in properties) },
      );
      if (!isHostile) return record;
      return fc
        .tuple(
          record,
          fc.dictionary(fc.string({ maxLength: 8 }), fc.oneof(hostileString, wrongType), { maxKeys: 2 }),
        )
        .map(([value, extra]) => ({ ...extra, ...value }));
    }
    default:
      return depth > 2
        ? fc.constant('x')
        : fc.oneof(fc.string({ maxLength: 10 }), fc.integer(), fc.boolean());
  }
}

// --- Requests ------------------------------------------------------------------------------------

/** A body sent as something other than the JSON the route documents. */
type RawBody = { contentType: string; payload: string };
const rawBodies: fc.Arbitrary<RawBody> = fc.constantFrom(
  { contentType: 'application/json', payload: '{"unterminated": ' },
  { contentType: 'application/json', payload: '{"__proto__": {"isAdmin": true}}' },
  { contentType: 'text/plain', payload: 'plain words' },
  { contentType: 'application/x-www-form-urlencoded', payload: 'a=1&b=2' },
  { contentType: 'application/json', payload: JSON.stringify({ padding: 'x'.repeat(1_100_000) }) },
);

type Case = {
  /** A demo user's email, `bearer` for a made-up API token, or null for nobody. */
  actor: string | null;
  accept: string | null;
  path: Record<string, unknown>;
  query: Record<string, unknown>;
  headers: Record<string, unknown>;
  body: unknown;
  raw: RawBody | null;
};

function caseArbitrary(path: string, method: string, operation: Operation, known: Known, isHostile: boolean) {
  const parameters = operation.parameters ?? [];
  const segments = path.split('/');
  const inputs = (where: Parameter['in']) =>
    fc.record(
      Object.fromEntries(
        parameters
          .filter((p) => p.in === where)
          .map((p) => {
            const segment = segments[segments.indexOf(`{${p.name}}`) - 1];
            const existing = where === 'path' ? knownFor(p.name, known, segment) : [];
            // OpenAPI moves a parameter's description out of its schema; the hints (ISO, IANA) are in it.
            const schema = { description: p.description, ...p.schema };
            const value = arbitraryOf(schema, p.name, known, isHostile);
            const arbitrary = existing.length
              ? fc.oneof(
                  { weight: 3, arbitrary: fc.constantFrom(...existing) },
                  { weight: 1, arbitrary: value },
                )
              : value;
            return [p.name, arbitrary];
          }),
      ),
      {
        requiredKeys: isHostile
          ? []
          : parameters.filter((p) => p.in === where && (p.required || where === 'path')).map((p) => p.name),
      },
    );
  const bodySchema = operation.requestBody?.content['application/json']?.schema;
  const body = bodySchema ? arbitraryOf(bodySchema, 'body', known, isHostile) : fc.constant(undefined);
  const hasBody = ['post', 'put', 'patch'].includes(method);
  return fc.record({
    actor: fc.oneof(
      { weight: 4, arbitrary: fc.constant(adminEmail) },
      { weight: 2, arbitrary: fc.constantFrom(...actors.slice(1)) },
      { weight: 1, arbitrary: fc.constantFrom(null, 'bearer') },
    ),
    accept: fc.constantFrom(null, null, 'text/csv', 'application/json', 'text/html', '*/*'),
    path: inputs('path'),
    query: inputs('query'),
    headers: inputs('header'),
    body,
    raw: isHostile && hasBody ? fc.option(rawBodies, { freq: 6 }) : fc.constant(null),
  });
}

// Lone surrogates cannot be percent-encoded; a client would have replaced them too.
const textOf = (value: unknown) =>
  typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
const encode = (value: unknown) => encodeURIComponent(textOf(value).toWellFormed());

function urlOf(path: string, input: Case): string {
  let url = path.replace(/\{([^}]+)\}/g, (_, name: string) => encode(input.path[name] ?? ''));
  const pairs: string[] = [];
  for (const [key, value] of Object.entries(input.query)) {
    if (value === undefined) continue;
    for (const item of [value].flat()) pairs.push(`${encode(key)}=${encode(item)}`);
  }
  if (pairs.length) url += `?${pairs.join('&')}`;
  return url;
}

async function send(method: string, path: string, input: Case) {
  const headers: Record<string, string> = {};
  // Header values with control characters cannot travel over HTTP at all: Node refuses to send them.
  for (const [key, value] of Object.entries(input.headers)) {
    const text = textOf(value).toWellFormed();
    if (value !== undefined && /^[\x20-\x7e]*$/.test(text)) headers[key] = text;
  }
  if (input.accept) headers.accept = input.accept;
  if (input.actor === 'bearer') {
    headers.authorization = 'Bearer not-a-token-we-issued';
  } else if (input.actor) {
    // Signing out ends the session it is sent with: use a session of its own, not the shared one.
    headers.cookie =
      path === '/api/session' && method === 'delete' ? await signIn(input.actor) : cookies.get(input.actor)!;
  }
  let payload: string | undefined;
  if (input.raw) {
    headers['content-type'] = input.raw.contentType;
    payload = input.raw.payload;
  } else if (input.body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(input.body);
  }
  const url = urlOf(path, input);
  const response = await ctx.app.inject({
    method: method.toUpperCase() as 'GET',
    url,
    headers,
    ...(payload === undefined ? {} : { payload }),
  });
  return { url, payload, response };
}

// --- Checks --------------------------------------------------------------------------------------

const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
addFormats(ajv);
const validators = new Map<Schema, ValidateFunction>();

function validatorOf(schema: Schema): ValidateFunction {
  let validate = validators.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    validators.set(schema, validate);
  }
  return validate;
}

/** What is wrong with an answer, judged against the route's documentation; null if nothing. */
function judge(operation: Operation, status: number, contentType: string, body: string): string | null {
  if (status >= 500) return `answered ${status}`;
  const documented = operation.responses[String(status)] ?? operation.responses[`${String(status)[0]}XX`];
  if (!documented)
    return `status ${status} is not documented (documented: ${Object.keys(operation.responses)})`;
  const mediaType = contentType.split(';')[0]!.trim();
  if (status >= 400 && status < 500 && mediaType !== 'application/problem+json') {
    return `a ${status} must be application/problem+json, was ${mediaType || 'none'}`;
  }
  const content = documented.content;
  if (!content)
    return body === '' ? null : `status ${status} documents no body but one was sent (${mediaType})`;
  const media = content[mediaType];
  if (!media)
    return `content type ${mediaType || 'none'} is not documented for ${status} (${Object.keys(content)})`;
  if (!/json/.test(mediaType)) return typeof body === 'string' ? null : 'not text';
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return `the ${mediaType} body is not JSON`;
  }
  const validate = validatorOf(media.schema);
  if (!validate(parsed))
    return `the body does not match the documented schema: ${ajv.errorsText(validate.errors)}`;
  if (status >= 400 && typeof (parsed as { code?: unknown }).code !== 'string')
    return 'a problem without a code';
  return null;
}

const preview = (value: unknown, length = 300) => {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text === undefined
    ? ''
    : text.length > length
      ? `${text.slice(0, length)}… (${text.length} chars)`
      : text;
};

// --- The run -------------------------------------------------------------------------------------

// Signing out comes before signing in: many failed sign-ins may throttle this address, and signing
// out signs in afresh for each case.
const operations = Object.entries(document.paths)
  .flatMap(([path, byMethod]) =>
    Object.entries(byMethod).map(([method, operation]) => ({ path, method, operation })),
  )
  .sort(
    (a, b) =>
      Number(b.path === '/api/session' && b.method === 'delete') -
      Number(a.path === '/api/session' && a.method === 'delete'),
  );

/** Answers per route, printed with FUZZ_STATS=1 to see which routes the cases reach. */
const statuses = new Map<string, number[]>();
after(() => {
  if (!process.env.FUZZ_STATS) return;
  for (const [name, list] of statuses) {
    const counts = Object.entries(Object.groupBy(list, (s) => s)).map(([s, l]) => `${s}×${l!.length}`);
    console.log(`${name}: ${counts.join(' ')}`);
  }
});

console.log(`fuzz-routes: seed ${seed}, ${runsPerRoute} cases per route (replay with FUZZ_SEED=${seed})`);

operations.forEach(({ path, method, operation }, index) => {
  const name = `${method.toUpperCase()} ${path}`;
  const reason = skipped[name];
  test(`fuzz ${name}`, reason ? { skip: reason } : {}, async () => {
    const known = await readKnown();
    const input = fc.oneof(
      caseArbitrary(path, method, operation, known, false),
      caseArbitrary(path, method, operation, known, true),
    ) as fc.Arbitrary<Case>;
    const property = fc.asyncProperty(input, async (request) => {
      const { url, payload, response } = await send(method, path, request);
      statuses.set(name, [...(statuses.get(name) ?? []), response.statusCode]);
      if (process.env.FUZZ_DEBUG && name.includes(process.env.FUZZ_DEBUG)) {
        console.log(
          `${name} ${preview(url, 120)} ${preview(payload, 200)} → ${response.statusCode} ${preview(response.body, 200)}`,
        );
      }
      const problem = judge(
        operation,
        response.statusCode,
        String(response.headers['content-type'] ?? ''),
        response.body,
      );
      if (problem) {
        throw new Error(
          `${name}: ${problem}\n  request: ${method.toUpperCase()} ${preview(url, 200)} as ${request.actor ?? 'nobody'}` +
            `${payload === undefined ? '' : ` body ${preview(payload)}`}\n  answer: ${response.statusCode} ${preview(response.body)}`,
        );
      }
    });
    try {
      await fc.assert(property, {
        seed: seed + index,
        numRuns: slowRoutes.has(name) ? Math.ceil(runsPerRoute / 3) : runsPerRoute,
        endOnFailure: Boolean(process.env.CI),
      });
    } finally {
      await keepSessionsAlive();
    }
  });
});

// The stream cannot go through the fuzzer: check what it documents and answers instead.
test('GET /api/events documents and answers an event stream, and refuses a bad Last-Event-ID', async () => {
  const operation = document.paths['/api/events']!.get!;
  assert.ok(
    operation.responses['200']?.content?.['text/event-stream'],
    'the 200 is documented as text/event-stream',
  );
  const address = await ctx.app.listen({ port: 0, host: '127.0.0.1' });
  const abort = new AbortController();
  try {
    const response = await fetch(`${address}/api/events`, {
      headers: { cookie: cookies.get(adminEmail)! },
      signal: abort.signal,
    });
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/event-stream/);
    assert.equal(response.headers.get('cache-control'), 'no-cache, no-transform');
  } finally {
    abort.abort();
  }
  for (const lastEventId of ['abc', '1\u0000', 'x'.repeat(5000)]) {
    const response = await ctx.app.inject({
      method: 'GET',
      url: `/api/events?lastEventId=${encode(lastEventId)}`,
      headers: { cookie: cookies.get(adminEmail)! },
    });
    assert.equal(
      judge(operation, response.statusCode, String(response.headers['content-type']), response.body),
      null,
    );
    assert.equal(response.statusCode, 400);
  }
  const anonymous = await ctx.app.inject({ method: 'GET', url: '/api/events' });
  assert.equal(
    judge(operation, anonymous.statusCode, String(anonymous.headers['content-type']), anonymous.body),
    null,
  );
});
