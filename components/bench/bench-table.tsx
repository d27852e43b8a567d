import type { Key, ReactNode } from 'react';
import styles from './bench.module.css';

interface BenchTableProps {
  /** Read by screen readers only: the section's heading says it for the eye. */
  caption: string;
  columns: ReactNode[];
  testId?: string;
  /** The table's rows. */
  children: ReactNode;
}

/** A table of numbers that scrolls sideways inside itself on a narrow screen rather than widening the page. */
export function BenchTable({ caption, columns, testId, children }: BenchTableProps) {
  return (
    <div className={`table-scroll ${styles.scrollBox}`}>
      <table className={styles.tableNumbers} data-testid={testId}>
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            {columns.map((column, i) => (
              <th key={i} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

interface GroupedRowsProps<Row> {
  /** The group's row header, spanning all its rows: a protocol, a scenario. */
  heading: ReactNode;
  rows: Row[];
  rowKey(row: Row): Key;
  /** The cells of one row after the group's heading. */
  children(row: Row): ReactNode;
}

/** Rows under one heading cell that spans them (scope="rowgroup"), e.g. one protocol's loads. */
export function GroupedRows<Row>({ heading, rows, rowKey, children }: GroupedRowsProps<Row>) {
  return rows.map((row, i) => (
    <tr key={rowKey(row)}>
      {i === 0 ? (
        <th scope="rowgroup" rowSpan={rows.length}>
          {heading}
        </th>
      ) : null}
      {children(row)}
    </tr>
  ));
}
