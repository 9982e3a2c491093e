/** One parsed record: its fields by header name, and the line it starts on (1 is the header). */
export type CsvRecord = { line: number; fields: Record<string, string> };

/** A problem in an import file, with the line it is on. */
export class ImportError extends Error {
  readonly line: number;
  constructor(line: number, message: string) {
    super(`line ${line}: ${message}`);
    this.name = 'ImportError';
    this.line = line;
  }
}

/**
 * Splits CSV text (RFC 4180: comma separated, fields may be quoted, `""` is a quote inside quotes,
 * quoted fields may span lines; CRLF or LF) into rows, each with the line it starts on.
 */
export function parseCsvRows(text: string): { line: number; cells: string[] }[] {
  const rows: { line: number; cells: string[] }[] = [];
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let cells: string[] = [];
  let cell = '';
  let line = 1;
  let rowLine = 1;
  let inQuotes = false;
  let wasQuoted = false;
  const endCell = () => {
    cells.push(wasQuoted ? cell : cell.trim());
    cell = '';
    wasQuoted = false;
  };
  const endRow = () => {
    endCell();
    if (cells.length > 1 || cells[0] !== '') rows.push({ line: rowLine, cells });
    cells = [];
  };
  for (let i = 0; i < source.length; i++) {
    const char = source[i];
    if (inQuotes) {
      if (char === '"' && source[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (char === '"') {
        inQuotes = false;
      } else {
        if (char === '\n') line++;
        cell += char;
      }
    } else if (char === '"') {
      if (cell.trim() !== '') throw new ImportError(line, 'a quote inside an unquoted field');
      cell = '';
      inQuotes = true;
      wasQuoted = true;
    } else if (char === ',') {
      endCell();
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && source[i + 1] === '\n') i++;
      endRow();
      line++;
      rowLine = line;
    } else if (wasQuoted) {
      if (char.trim() !== '') throw new ImportError(line, 'text after a closing quote');
    } else {
      cell += char;
    }
  }
  if (inQuotes) throw new ImportError(rowLine, 'a quoted field is never closed');
  if (cell !== '' || cells.length || wasQuoted) endRow();
  return rows;
}

/**
 * Parses a CSV file with a header row into records keyed by column name. Unknown or repeated
 * columns, missing required ones and rows with the wrong number of fields are errors with a line.
 */
export function parseCsv(
  text: string,
  columns: { required: readonly string[]; optional: readonly string[] },
): CsvRecord[] {
  const [header, ...rows] = parseCsvRows(text);
  if (!header) throw new ImportError(1, 'the file is empty; it needs a header row');
  const names = header.cells.map((name) => name.trim().toLowerCase());
  const known = [...columns.required, ...columns.optional];
  for (const name of names) {
    if (!known.includes(name)) {
      throw new ImportError(header.line, `unknown column "${name}" (columns: ${known.join(', ')})`);
    }
  }
  const repeated = names.find((name, index) => names.indexOf(name) !== index);
  if (repeated) throw new ImportError(header.line, `the column "${repeated}" appears twice`);
  const missing = columns.required.filter((name) => !names.includes(name));
  if (missing.length) throw new ImportError(header.line, `missing column: ${missing.join(', ')}`);
  return rows.map((row) => {
    if (row.cells.length !== names.length) {
      throw new ImportError(row.line, `expected ${names.length} fields, found ${row.cells.length}`);
    }
    const fields: Record<string, string> = {};
    for (const name of known) fields[name] = '';
    names.forEach((name, index) => {
      fields[name] = row.cells[index] ?? '';
    });
    return { line: row.line, fields };
  });
}
