'use client';

import { COLUMN_LABELS, formatChange, formatFigure } from './comparison-format';
import styles from './comparison.module.css';
import { changeSince, COLUMNS, compareLanes, type Column, type ComparedRow, type LaneFigures } from './lane-figures';

/** A send kept for comparing later ones with. */
export interface PinnedSend {
  model: string;
  /** When it was sent, as shown: "07:45:02". */
  at: string;
  figures: LaneFigures[];
}

interface ComparisonViewProps {
  model: string;
  figures: LaneFigures[];
  pinned?: PinnedSend;
  /** Keeps this send; absent while it cannot be kept (still sending, nothing answered). */
  onPin?(): void;
  onUnpin(): void;
}

const METRIC_AREAS = ['m1', 'm2', 'm3', 'm4'] as const;

const STATE_WORDS: Partial<Record<LaneFigures['state'], string>> = { running: 'sending…', failed: 'no answer', cancelled: 'cancelled' };

/** Why a cell has no number, in a word. */
function missingWord(row: ComparedRow, column: Column): string {
  if (row.state === 'running') return '…';
  if (row.inPage && column !== 'roundTripMs') return column === 'serverMs' ? 'none' : 'no network';
  return '–';
}

function MetricCell({ row, column, area, widest, change }: { row: ComparedRow; column: Column; area: string; widest: number; change?: number }) {
  const value = row.values[column];
  const best = row.best.includes(column);
  return (
    <span role="cell" className={`${styles.metric} ${styles[area]}`} data-testid={`compare-${column}`} data-best={best}>
      <span className={styles.metricLabel}>{row.inPage && column === 'roundTripMs' ? 'Compute' : COLUMN_LABELS[column]}</span>
      <span className={styles.track} aria-hidden="true">
        {value !== undefined ? <span className={styles.fill} style={{ width: `${widest ? Math.max(1, (value / widest) * 100) : 0}%` }} /> : null}
      </span>
      <span className={styles.value}>
        {value === undefined ? missingWord(row, column) : formatFigure(column, value)}
        {best ? <span className={styles.best}>★ best</span> : null}
      </span>
      {change !== undefined ? (
        <span className={styles.change} data-testid="compare-change" data-direction={change < 0 ? 'better' : change > 0 ? 'worse' : 'same'}>
          {formatChange(column, change)} vs pinned
        </span>
      ) : null}
    </span>
  );
}

function ComparisonRow({ row, widest, pinned }: { row: ComparedRow; widest: Record<Column, number>; pinned?: LaneFigures }) {
  const change = changeSince(row, pinned);
  const answerChanged = pinned?.answer !== undefined && row.answer !== undefined && pinned.answer !== row.answer;
  return (
    <div role="row" className={styles.row} data-testid={`compare-row-${row.laneId}`} data-differs={row.differs}>
      <span role="rowheader" className={styles.lane}>
        {row.title}
        {row.inPage ? <span className={styles.laneNote}>runs here: compute time, no network</span> : null}
        {row.cached ? (
          <span className={styles.cached} title="Answered from the server's prediction cache: its server time is a lookup, not the model" data-testid="compare-cached">
            cached
          </span>
        ) : null}
      </span>
      <span role="cell" className={`${styles.answer} ${row.state === 'error' ? styles.answerError : ''}`} data-testid="compare-answer">
        {row.answer ?? STATE_WORDS[row.state]}
        {row.differs ? <span className={styles.differs}>differs</span> : null}
        {answerChanged ? <span className={styles.cellNote}>pinned: {pinned.answer}</span> : null}
      </span>
      {COLUMNS.map((column, i) => (
        <MetricCell key={column} row={row} column={column} area={METRIC_AREAS[i]!} widest={widest[column]} change={change[column]} />
      ))}
    </div>
  );
}

/** Every lane's latest send in one table: aligned bars, the best of each column marked, answers that differ flagged. */
export function ComparisonView({ model, figures, pinned, onPin, onUnpin }: ComparisonViewProps) {
  const { rows, widest, majority } = compareLanes(figures);
  const comparable = pinned?.model === model ? pinned : undefined;
  const pinnedRow = (laneId: string) => comparable?.figures.find((row) => row.laneId === laneId);
  const note = !pinned
    ? 'Bars are relative to each column’s largest value; ★ marks the lowest. Pin a send to compare the next ones with it.'
    : comparable
      ? `Changes are against the send pinned at ${pinned.at}; green is lower, red is higher.`
      : `The pinned send (${pinned.at}) used ${pinned.model}; pick it again to compare.`;
  return (
    <section className={styles.compare} aria-labelledby="comparison-title" data-testid="comparison">
      <div className={styles.head}>
        <h2 id="comparison-title">Side by side</h2>
        <p className={styles.headNote} data-testid="comparison-note">
          {note}
        </p>
        <div className={styles.headButtons}>
          <button type="button" className="secondary small" onClick={onPin} disabled={!onPin}>
            {pinned ? 'Pin this send instead' : 'Pin this send'}
          </button>
          {pinned ? (
            <button type="button" className="secondary small" onClick={onUnpin}>
              Unpin
            </button>
          ) : null}
        </div>
      </div>
      {majority !== undefined ? (
        <p className={styles.disagree} role="status" data-testid="answers-differ">
          The lanes disagree: most answered “{majority}”; the lanes marked “differs” answered something else.
        </p>
      ) : null}
      {rows.some((row) => row.cached) ? (
        <p className={styles.headNote} data-testid="cached-note">
          Lanes marked “cached” were answered from the server’s prediction cache (another lane had just sent the same input):
          their server time is a lookup, not the model. Set CACHE_MAX_BYTES=0 on the server to compare the model on every lane.
        </p>
      ) : null}
      <div role="table" aria-label="Lanes compared" className={styles.table}>
        <div role="row" className={styles.headerRow}>
          <span role="columnheader">Lane</span>
          <span role="columnheader">Answer</span>
          {COLUMNS.map((column) => (
            <span role="columnheader" key={column}>
              {COLUMN_LABELS[column]}
            </span>
          ))}
        </div>
        {rows.map((row) => (
          <ComparisonRow key={row.laneId} row={row} widest={widest} pinned={pinnedRow(row.laneId)} />
        ))}
      </div>
    </section>
  );
}
