import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type ImportError, parseCsv, parseCsvRows } from './csv.ts';

test('quoted fields keep commas, doubled quotes and line breaks', () => {
  const rows = parseCsvRows('a,b,c\r\n"x, y","say ""hi""","two\nlines"\n plain , ,end\n');
  assert.deepEqual(rows, [
    { line: 1, cells: ['a', 'b', 'c'] },
    { line: 2, cells: ['x, y', 'say "hi"', 'two\nlines'] },
    { line: 4, cells: ['plain', '', 'end'] },
  ]);
});

test('blank lines are skipped, a byte-order mark is ignored and the last line needs no newline', () => {
  const rows = parseCsvRows('\ufeffa,b\n\n1,2');
  assert.deepEqual(rows, [
    { line: 1, cells: ['a', 'b'] },
    { line: 3, cells: ['1', '2'] },
  ]);
});

test('malformed quoting is an error with its line', () => {
  assert.throws(
    () => parseCsvRows('a\n"open'),
    (e: ImportError) => e.line === 2 && /never closed/.test(e.message),
  );
  assert.throws(() => parseCsvRows('a\nx"y"'), /line 2: a quote inside an unquoted field/);
  assert.throws(() => parseCsvRows('a\n"x"y'), /line 2: text after a closing quote/);
});

test('records are keyed by header; absent optional columns read as empty', () => {
  const records = parseCsv('Email,name\nA@x.test,Ann\n', { required: ['email', 'name'], optional: ['team'] });
  assert.deepEqual(records, [{ line: 2, fields: { email: 'A@x.test', name: 'Ann', team: '' } }]);
});

test('header and field-count problems name the line', () => {
  const columns = { required: ['email'], optional: ['team'] };
  assert.throws(() => parseCsv('', columns), /line 1: the file is empty/);
  assert.throws(() => parseCsv('email,colour\n', columns), /line 1: unknown column "colour"/);
  assert.throws(() => parseCsv('team\n', columns), /line 1: missing column: email/);
  assert.throws(() => parseCsv('email,email\n', columns), /appears twice/);
  assert.throws(() => parseCsv('email,team\na@x.test\n', columns), /line 2: expected 2 fields, found 1/);
});
