// Training data as a person edits it (CSV text or a small table) and as the API wants it ({X, y}).

export interface DataTable {
  /** Column names; the last column is the target y. */
  columns: string[];
  /** Cells as typed, one array per row, each as long as `columns`. */
  rows: string[][];
}

const SEPARATOR = /\t|;|,/;

const isNumber = (cell: string) => cell.trim() !== '' && Number.isFinite(Number(cell));

/** Comma-, semicolon- or tab-separated text; a first line that is not all numbers is the header. */
export function parseCsv(text: string): DataTable {
  const lines = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  const cells = lines.map((line) => line.split(SEPARATOR).map((cell) => cell.trim().replace(/^"(.*)"$/, '$1')));
  const first = cells[0];
  const hasHeader = first !== undefined && !first.every(isNumber);
  const body = hasHeader ? cells.slice(1) : cells;
  const width = Math.max(first?.length ?? 0, ...body.map((row) => row.length));
  const columns = Array.from({ length: width }, (_, i) => (hasHeader && first?.[i]) || defaultColumnName(i, width));
  return { columns, rows: body.map((row) => Array.from({ length: width }, (_, i) => row[i] ?? '')) };
}

export const defaultColumnName = (index: number, width: number) => (index === width - 1 ? 'y' : `x${index + 1}`);

export function toCsv(table: DataTable): string {
  return [table.columns, ...table.rows].map((row) => row.join(', ')).join('\n');
}

/** The table as a training request, or every problem found, phrased for the person who typed it. */
export function toTrainingData(table: DataTable): { X: number[][]; y: number[] } | { problems: string[] } {
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

/** Numbers typed in one line, separated by commas, semicolons or spaces; undefined when any is not a number. */
export function parseNumberRow(text: string): number[] | undefined {
  const cells = text.split(/[\s,;]+/).filter(Boolean);
  if (cells.length === 0 || !cells.every(isNumber)) return undefined;
  return cells.map(Number);
}
