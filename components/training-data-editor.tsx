'use client';

import { useId } from 'react';
import { defaultColumnName, parseCsv, toCsv, type DataTable } from '../lib/training-csv';

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;

interface TrainingDataEditorProps {
  csv: string;
  onChange(csv: string): void;
}

/** Training data three ways, one source of truth (the CSV text): type or paste it, upload a file, or edit the table. */
export function TrainingDataEditor({ csv, onChange }: TrainingDataEditorProps) {
  const fileId = useId();
  const table = parseCsv(csv);
  const update = (next: DataTable) => onChange(toCsv(next));
  const setCell = (row: number, column: number, value: string) =>
    update({ ...table, rows: table.rows.map((cells, r) => (r === row ? cells.map((cell, c) => (c === column ? value : cell)) : cells)) });
  const addRow = () => update({ ...table, rows: [...table.rows, table.columns.map(() => '0')] });
  const removeRow = (row: number) => update({ ...table, rows: table.rows.filter((_, r) => r !== row) });
  const addFeature = () => {
    const at = Math.max(0, table.columns.length - 1);
    const columns = [...table.columns.slice(0, at), defaultColumnName(at, table.columns.length + 1), ...table.columns.slice(at)];
    update({ columns, rows: table.rows.map((cells) => [...cells.slice(0, at), '0', ...cells.slice(at)]) });
  };

  return (
    <div className="data-editor">
      <div className="data-editor-sources">
        <div className="field">
          <label htmlFor={`${fileId}-csv`}>CSV</label>
          <span className="muted small" id={`${fileId}-csv-hint`}>
            The last column is the target y; a header line is optional.
          </span>
          <textarea id={`${fileId}-csv`} aria-describedby={`${fileId}-csv-hint`} rows={8} value={csv} spellCheck={false} onChange={(event) => onChange(event.target.value)} />
        </div>
        <label htmlFor={fileId} className="small">
          Or upload a CSV file
        </label>
        <input
          id={fileId}
          type="file"
          accept=".csv,.tsv,.txt,text/csv,text/plain"
          onChange={async (event) => {
            const file = event.target.files?.[0];
            if (file) onChange(await file.text());
          }}
        />
      </div>
      <div className="table-scroll">
        <table className="data-table">
          <caption className="small muted">
            {plural(table.rows.length, 'row')} × {plural(Math.max(0, table.columns.length - 1), 'feature')} — edit any cell
          </caption>
          <thead>
            <tr>
              {table.columns.map((column, c) => (
                <th key={c} scope="col" className={c === table.columns.length - 1 ? 'target-column' : undefined}>
                  {column}
                </th>
              ))}
              <th scope="col">
                <span className="sr-only">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {table.rows.map((cells, r) => (
              <tr key={r}>
                {cells.map((cell, c) => (
                  <td key={c}>
                    <input aria-label={`Row ${r + 1}, ${table.columns[c]}`} inputMode="decimal" value={cell} onChange={(event) => setCell(r, c, event.target.value)} />
                  </td>
                ))}
                <td>
                  <button type="button" className="icon-button" aria-label={`Remove row ${r + 1}`} onClick={() => removeRow(r)}>
                    ×
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="button-row">
          <button type="button" className="secondary small" onClick={addRow}>
            Add row
          </button>
          <button type="button" className="secondary small" onClick={addFeature}>
            Add feature column
          </button>
        </div>
      </div>
    </div>
  );
}
