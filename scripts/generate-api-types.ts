// Writes web/src/api/schema.d.ts from the server's OpenAPI document, in the `paths` shape that
// openapi-fetch reads. The app is built in-process on an empty in-memory PGlite (no listen).
// `--check` exits 1 when the committed file differs from what the routes describe now.
//
// Why not openapi-typescript: it needs the TypeScript 5 compiler API, and we are on TypeScript 7
// (the native compiler has no JS API), so this small converter covers the JSON Schema we emit.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { openPglite } from '../src/db/client.ts';
import { systemClock } from '../src/lib/clock.ts';
import { eventTypes } from '../src/modules/events/types.ts';

type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  patternProperties?: Record<string, Schema>;
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  enum?: unknown[];
  const?: unknown;
  $ref?: string;
  nullable?: boolean;
  description?: string;
};

type Operation = {
  parameters?: Array<{ in: string; name: string; required?: boolean; schema?: Schema }>;
  requestBody?: { required?: boolean; content?: Record<string, { schema?: Schema }> };
  responses?: Record<string, { content?: Record<string, { schema?: Schema }> }>;
};

const target = path.resolve(import.meta.dirname, '..', 'web', 'src', 'api', 'schema.d.ts');
const eventTypesTarget = path.resolve(import.meta.dirname, '..', 'web', 'src', 'api', 'event-types.ts');
const methods = ['get', 'put', 'post', 'delete', 'patch'] as const;

function key(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? name : JSON.stringify(name);
}

function pad(depth: number): string {
  return '  '.repeat(depth);
}

/** One JSON Schema as a TypeScript type expression. */
export function typeOf(schema: Schema | undefined, depth: number): string {
  if (!schema || Object.keys(schema).length === 0) return 'unknown';
  let type: string;
  if (schema.$ref) type = `components['schemas'][${JSON.stringify(schema.$ref.split('/').pop())}]`;
  else if (schema.const !== undefined) type = JSON.stringify(schema.const);
  else if (schema.enum) type = schema.enum.map((v) => JSON.stringify(v)).join(' | ');
  else if (schema.anyOf || schema.oneOf)
    type = (schema.anyOf ?? schema.oneOf ?? []).map((s) => typeOf(s, depth)).join(' | ');
  else if (schema.allOf) type = schema.allOf.map((s) => `(${typeOf(s, depth)})`).join(' & ');
  else if (Array.isArray(schema.type))
    type = schema.type.map((t) => typeOf({ ...schema, type: t }, depth)).join(' | ');
  else {
    switch (schema.type) {
      case 'string':
        type = 'string';
        break;
      case 'integer':
      case 'number':
        type = 'number';
        break;
      case 'boolean':
        type = 'boolean';
        break;
      case 'null':
        type = 'null';
        break;
      case 'array':
        type = `(${typeOf(schema.items, depth)})[]`;
        break;
      case 'object':
        type = objectOf(schema, depth);
        break;
      default:
        type = schema.properties ? objectOf(schema, depth) : 'unknown';
    }
  }
  return schema.nullable ? `${type} | null` : type;
}

function objectOf(schema: Schema, depth: number): string {
  const required = new Set(schema.required ?? []);
  const lines = Object.entries(schema.properties ?? {}).map(([name, property]) => {
    const doc = property.description ? `${pad(depth + 1)}/** ${property.description} */\n` : '';
    const optional = required.has(name) ? '' : '?';
    return `${doc}${pad(depth + 1)}${key(name)}${optional}: ${typeOf(property, depth + 1)};`;
  });
  const extra = schema.additionalProperties;
  if (extra && typeof extra === 'object')
    lines.push(`${pad(depth + 1)}[key: string]: ${typeOf(extra, depth + 1)};`);
  else if (schema.patternProperties) {
    const values = Object.values(schema.patternProperties).map((s) => typeOf(s, depth + 1));
    lines.push(`${pad(depth + 1)}[key: string]: ${values.join(' | ')};`);
  } else if (extra === true || (!schema.properties && extra === undefined))
    lines.push(`${pad(depth + 1)}[key: string]: unknown;`);
  if (lines.length === 0) return 'Record<string, never>';
  return `{\n${lines.join('\n')}\n${pad(depth)}}`;
}

function parametersOf(operation: Operation, where: 'query' | 'header' | 'path', depth: number): string {
  const list = (operation.parameters ?? []).filter((p) => p.in === where);
  if (list.length === 0) return `${where}?: never;`;
  const body = list
    .map((p) => `${pad(depth + 1)}${key(p.name)}${p.required ? '' : '?'}: ${typeOf(p.schema, depth + 1)};`)
    .join('\n');
  const optional = list.every((p) => !p.required) ? '?' : '';
  return `${where}${optional}: {\n${body}\n${pad(depth)}};`;
}

function contentOf(content: Record<string, { schema?: Schema }> | undefined, depth: number): string {
  if (!content) return 'never';
  const lines = Object.entries(content).map(
    ([media, value]) => `${pad(depth + 1)}${JSON.stringify(media)}: ${typeOf(value.schema, depth + 1)};`,
  );
  return `{\n${lines.join('\n')}\n${pad(depth)}}`;
}

function operationOf(operation: Operation, depth: number): string {
  const d = depth + 1;
  const out = [`{`];
  out.push(`${pad(d)}parameters: {`);
  out.push(`${pad(d + 1)}${parametersOf(operation, 'query', d + 1)}`);
  out.push(`${pad(d + 1)}${parametersOf(operation, 'header', d + 1)}`);
  out.push(`${pad(d + 1)}${parametersOf(operation, 'path', d + 1)}`);
  out.push(`${pad(d + 1)}cookie?: never;`);
  out.push(`${pad(d)}};`);
  if (operation.requestBody?.content) {
    const optional = operation.requestBody.required ? '' : '?';
    out.push(`${pad(d)}requestBody${optional}: {`);
    out.push(`${pad(d + 1)}content: ${contentOf(operation.requestBody.content, d + 1)};`);
    out.push(`${pad(d)}};`);
  } else out.push(`${pad(d)}requestBody?: never;`);
  out.push(`${pad(d)}responses: {`);
  for (const [status, response] of Object.entries(operation.responses ?? {})) {
    out.push(`${pad(d + 1)}${/^\d+$/.test(status) ? status : key(status)}: {`);
    out.push(`${pad(d + 2)}headers: { [name: string]: unknown };`);
    out.push(`${pad(d + 2)}content: ${contentOf(response.content, d + 2)};`);
    out.push(`${pad(d + 1)}};`);
  }
  out.push(`${pad(d)}};`);
  out.push(`${pad(depth)}}`);
  return out.join('\n');
}

/** The whole `schema.d.ts` text for one OpenAPI document. */
export function renderSchema(document: {
  paths?: Record<string, Partial<Record<string, Operation>>>;
  components?: { schemas?: Record<string, Schema> };
}): string {
  const out = [
    '// Generated by scripts/generate-api-types.ts from /api/openapi.json. Do not edit by hand:',
    '// run `node scripts/generate-api-types.ts` after changing a route schema.',
    '',
    'export interface paths {',
  ];
  for (const [route, item] of Object.entries(document.paths ?? {}).sort(([a], [b]) => a.localeCompare(b))) {
    out.push(`  ${JSON.stringify(route)}: {`);
    for (const method of methods) {
      const operation = item?.[method];
      if (operation) out.push(`    ${method}: ${operationOf(operation, 2)};`);
    }
    out.push('  };');
  }
  out.push('}', '', 'export interface components {', '  schemas: {');
  for (const [name, schema] of Object.entries(document.components?.schemas ?? {})) {
    out.push(`    ${key(name)}: ${typeOf(schema, 2)};`);
  }
  out.push('  };', '}', '');
  return out.join('\n');
}

async function loadDocument() {
  const handle = await openPglite(undefined);
  const app = await buildApp({ db: handle.db, clock: systemClock, config: loadConfig({}) });
  await app.ready();
  const document = app.swagger() as Parameters<typeof renderSchema>[0];
  await app.close();
  await handle.close();
  return document;
}

function renderEventTypes(): string {
  const names = eventTypes.filter((name) => !name.startsWith('test.'));
  return `// Generated by scripts/generate-api-types.ts from src/modules/events/types.ts. Do not edit.
/** Every live-event type the server sends on \`event:\` lines of /api/events. */
export const eventTypes = [
${names.map((name) => `  '${name}',`).join('\n')}
] as const;

export type EventType = (typeof eventTypes)[number];
`;
}

if (import.meta.main) {
  const outputs = [
    { file: target, text: renderSchema(await loadDocument()) },
    { file: eventTypesTarget, text: renderEventTypes() },
  ];
  for (const { file, text } of outputs) {
    const name = path.relative(process.cwd(), file);
    if (process.argv.includes('--check')) {
      let current = '';
      try {
        current = readFileSync(file, 'utf8');
      } catch {}
      if (current !== text) {
        console.error(`${name} is stale: run \`npm run generate:api\` and commit it`);
        process.exit(1);
      }
      console.log(`${name} matches the server`);
    } else {
      writeFileSync(file, text);
      console.log(`wrote ${name}`);
    }
  }
}
