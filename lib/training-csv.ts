// Training data as a person edits it (CSV text or a small table) and as the API wants it ({X, y}).
import Papa from 'papaparse';

export interface DataTable {
  /** Column names; the last column is the target y. */
  columns: string[];
  /** Cells as typed, one array per row, each as long as `columns` (short rows padded with ''). */
  rows: string[][];
  /** What is wrong with the text's shape (rows of different lengths), naming the line; absent when nothing is. */
  problems?: string[];
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** A plain decimal number as people type it: no hex, no "Infinity", no empty cell read as 0. */
const isNumber = (cell: string) => NUMBER.test(cell.trim());

// `1, "a,b"`: papaparse (rightly, per RFC 4180) only sees a quote that opens the field, so the space keeps it literal.
const cellOf = (cell: string) => cell.trim().replace(/^"(.*)"$/s, (_, inner: string) => inner.replace(/""/g, '"'));

interface CsvRecord {
  cells: string[];
  line: number;
}

/** The records of the text, each with the line it ends on; one delimiter (',', ';' or tab) guessed for the whole text. */
function readRecords(text: string): { records: CsvRecord[]; delimiter: string } {
  const records: CsvRecord[] = [];
  let delimiter = ',';
  Papa.parse<string[]>(text, {
    delimitersToGuess: [',', ';', '\t'],
    comments: '#',
    skipEmptyLines: 'greedy',
    step: ({ data, meta }) => {
      delimiter = meta.delimiter;
      const line = text.slice(0, meta.cursor - 1).split('\n').length;
      records.push({ cells: data.map(cellOf), line });
    },
  });
  return { records, delimiter };
}

const DELIMITER_NAMES: Record<string, string> = { ',': 'commas', ';': 'semicolons', '\t': 'tabs' };
const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;

/**
 * Comma-, semicolon- or tab-separated text, one separator throughout (quotes, CRLF, blank and # lines allowed);
 * a first line that is not all numbers is the header. Rows of another length than the first are listed in `problems`.
 */
export function parseCsv(text: string): DataTable {
  const { records, delimiter } = readRecords(text);
  const first = records[0];
  const hasHeader = first !== undefined && !first.cells.every(isNumber);
  const body = hasHeader ? records.slice(1) : records;
  const expected = first?.cells.length ?? 0;
  const problems = body
    .filter((record) => record.cells.length !== expected)
    .map(
      (record) =>
        `Line ${record.line}: ${plural(record.cells.length, 'value')} where line ${first!.line} has ${expected} ` +
        `(separated by ${DELIMITER_NAMES[delimiter] ?? `"${delimiter}"`}); every line needs the same columns.`,
    );
  const width = Math.max(expected, ...body.map((record) => record.cells.length));
  const columns = Array.from({ length: width }, (_, i) => (hasHeader && first?.cells[i]) || defaultColumnName(i, width));
  const rows = body.map(({ cells }) => Array.from({ length: width }, (_, i) => cells[i] ?? ''));
  return problems.length > 0 ? { columns, rows, problems } : { columns, rows };
}

export const defaultColumnName = (index: number, width: number) => (index === width - 1 ? 'y' : `x${index + 1}`);

export function toCsv(table: DataTable): string {
  return Papa.unparse([table.columns, ...table.rows], { newline: '\n' });
}

/** The table as a training request, or every problem found, phrased for the person who typed it. */
export function toTrainingData(table: DataTable): { X: number[][]; y: number[] } | { problems: string[] } {
  if (table.problems && table.problems.length > 0) return { problems: table.problems };
  const problems: string[] = [];
  if (table.columns.length < 2) problems.push('Give at least two columns: one or more features, then the target y last.');
  if (table.rows.length === 0) problems.push('Give at least one row of numbers.');
  const X: number[][] = [];
  const y: number[] = [];
  table.rows.forEach((row, r) => {
    const bad = row.map((cell, c) => (isNumber(cell) ? undefined : `${table.columns[c] ?? `column ${c + 1}`} “${cell}”`)).filter(Boolean);
    if (bad.length > 0) problems.push(`Row ${r + 1}: not a number: ${bad.join(', ')}.`);
    const values = row.map(Number);
    X.push(values.slice(0, -1));
    y.push(values.at(-1) ?? Number.NaN);
  });
  return problems.length > 0 ? { problems } : { X, y };
}

/**
 * Numbers typed in one line, separated by commas, semicolons or spaces; undefined when any is not a number, a
 * separator has nothing on one side, or commas and semicolons are mixed (`1,5;2,3` may mean decimal commas).
 */
export function parseNumberRow(text: string): number[] | undefined {
  const trimmed = text.trim();
  if (trimmed === '' || (trimmed.includes(',') && trimmed.includes(';'))) return undefined;
  const cells = trimmed.split(/\s*[,;]\s*|\s+/);
  return cells.every(isNumber) ? cells.map(Number) : undefined;
}
