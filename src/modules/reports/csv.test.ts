import assert from 'node:assert/strict';
import { test } from 'node:test';
import { toCsv } from './csv.ts';

const columns = [
  { key: 'team', label: 'Team' },
  { key: 'count', label: 'Count' },
  { key: 'share', label: 'Share' },
];

test('CSV quotes commas, quotes and line breaks, and leaves nulls empty', () => {
  const text = toCsv(columns, [
    { team: 'Acme, Inc.', count: 3, share: 12.5 },
    { team: 'The "A" Team\nNorth', count: 0, share: null },
  ]);
  assert.equal(text, 'team,count,share\r\n"Acme, Inc.",3,12.5\r\n"The ""A"" Team\nNorth",0,\r\n');
});

test('text that a spreadsheet would run as a formula is defused; negative numbers are not', () => {
  const text = toCsv(columns, [{ team: '=HYPERLINK("x")', count: -1, share: null }]);
  assert.equal(text.split('\r\n')[1], `"'=HYPERLINK(""x"")",-1,`);
});
