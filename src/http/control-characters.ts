import type { FastifyRequest } from 'fastify';
import { findControlCharacter } from '../lib/control-characters.ts';
import { invalid } from '../lib/errors.ts';
import { freeTextKeyword } from './schemas.ts';

type Schema = Record<string, unknown> | boolean | undefined;

function refuse(where: string, codePoint: string, isFreeText: boolean): never {
  const allowed = isFreeText ? '; only tab, line feed and carriage return are allowed in free text' : '';
  throw invalid(`${where} contains a control character (${codePoint})${allowed}`, { field: where });
}

/** The schemas a value at `key` of an object or array may be checked against, through unions. */
function childSchemas(schema: Schema, key: string | number): Schema[] {
  if (!schema || schema === true) return [];
  const branches = ['anyOf', 'oneOf', 'allOf'].flatMap((k) => (schema[k] as Schema[] | undefined) ?? []);
  const nested = branches.flatMap((branch) => childSchemas(branch, key));
  const properties = schema.properties as Record<string, Schema> | undefined;
  if (typeof key === 'string' && properties?.[key]) return [properties[key], ...nested];
  const patterns = schema.patternProperties as Record<string, Schema> | undefined;
  const byPattern = typeof key === 'string' ? Object.values(patterns ?? {}) : [];
  const items = typeof key === 'number' ? [schema.items as Schema] : [];
  const additional = typeof key === 'string' ? [schema.additionalProperties as Schema] : [];
  return [...items, ...byPattern, ...additional, ...nested].filter((s) => s !== undefined);
}

function isFreeTextIn(schemas: Schema[]): boolean {
  return schemas.some(
    (s) =>
      typeof s === 'object' &&
      (s[freeTextKeyword] === true ||
        ['anyOf', 'oneOf'].some((k) => isFreeTextIn((s[k] as Schema[] | undefined) ?? []))),
  );
}

function checkValue(value: unknown, where: string, schemas: Schema[]) {
  if (typeof value === 'string') {
    const isFreeText = isFreeTextIn(schemas);
    const found = findControlCharacter(value, isFreeText);
    if (found) refuse(where, found, isFreeText);
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => {
      checkValue(
        item,
        `${where}[${index}]`,
        schemas.flatMap((s) => childSchemas(s, index)),
      );
    });
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const found = findControlCharacter(key, false);
      if (found) refuse(`a key of ${where}`, found, false);
      checkValue(
        item,
        `${where}.${key}`,
        schemas.flatMap((s) => childSchemas(s, key)),
      );
    }
  }
}

/**
 * A `preValidation` hook for every route: refuses control characters with 400 before any handler,
 * naming the field. Path parameters, query strings and body fields are single-line; only a body
 * field whose schema is `FreeText` may hold tab, line feed and carriage return.
 */
export async function refuseControlCharacters(request: FastifyRequest) {
  checkValue(request.params, 'path', []);
  checkValue(request.query, 'query', []);
  const schema = request.routeOptions.schema?.body as Schema;
  checkValue(request.body, 'body', schema ? [schema] : []);
}
