/** Plain-text columns: the first left-aligned, the rest right-aligned, each as wide as its widest cell. */
export function textTable(header: string[], rows: string[][], separatorAfter: number[] = []): string {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!)) + (separatorAfter.includes(column) ? ' │' : ''))
      .join('  ');
  return [line(header), ...rows.map(line)].join('\n');
}

const finite = (value: number | undefined): value is number => value !== undefined && Number.isFinite(value);

/** Milliseconds: 0.412 · 12.4 · 230. */
export const ms = (value: number | undefined) => (!finite(value) ? '–' : value < 10 ? value.toFixed(3) : value < 100 ? value.toFixed(1) : value.toFixed(0));

/** Calls per second, whole with thousands separators below 10 rps shown with decimals. */
export const rps = (value: number | undefined) => (!finite(value) ? '–' : value < 10 ? value.toFixed(2) : Math.round(value).toLocaleString('en-US'));

export const times = (value: number | undefined) => (!finite(value) ? '–' : `${value.toFixed(2)}×`);

export const wholeNumber = (value: number | undefined) => (!finite(value) ? '–' : Math.round(value).toLocaleString('en-US'));
