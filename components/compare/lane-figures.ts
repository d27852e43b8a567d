import type { PredictionOutput } from '../../lib/contract';
import type { LaneRun } from '../lane-run';
import { sixDigits } from '../units';

// The comparison view's numbers: one row of figures per lane, the best of each column, the answers that differ, and
// the change from a pinned earlier send. Pure functions, so the table only draws.

export const COLUMNS = ['roundTripMs', 'serverMs', 'requestBytes', 'responseBytes'] as const;
export type Column = (typeof COLUMNS)[number];

export type RowState = 'running' | 'ok' | 'error' | 'failed' | 'cancelled';

/** What one lane's latest send came to. Figures a lane does not have (no server, no network in the page) are absent. */
export interface LaneFigures {
  laneId: string;
  title: string;
  /** The lane runs the model in this page: its time is compute, it has no server and no bytes on a wire. */
  inPage: boolean;
  state: RowState;
  /** The answer in a few words: the top label, the sentiment, the numbers; or the error code. */
  answer?: string;
  /** The server answered from its prediction cache: its server time is a lookup, not the model. */
  cached?: boolean;
  values: Partial<Record<Column, number>>;
}

export interface ComparedRow extends LaneFigures {
  /** The columns this row is best in (lowest among the lanes that answered). */
  best: Column[];
  /** Its answer differs from what most lanes answered. */
  differs: boolean;
}

export interface Comparison {
  rows: ComparedRow[];
  /** Each column's largest value, the full width of its bars. */
  widest: Record<Column, number>;
  /** The answer most lanes gave, when they did not all agree. */
  majority?: string;
}

/** A prediction in a few words, the same way for every lane so equal answers compare equal. */
export function answerOf(output: PredictionOutput): string {
  switch (output.kind) {
    case 'classification':
      return output.labels[0]?.label ?? '(no label)';
    case 'sentiment':
      return output.label;
    case 'regression':
      return output.values.map((value) => String(sixDigits(value))).join(', ');
  }
}

/** The row of figures for one lane's run; undefined before its first send. */
export function figuresOf(lane: { id: string; title: string; inPage?: boolean }, run: LaneRun): LaneFigures | undefined {
  const base = { laneId: lane.id, title: lane.title, inPage: lane.inPage ?? false };
  switch (run.state) {
    case 'idle':
      return undefined;
    case 'running':
      return { ...base, state: 'running', values: {} };
    case 'failed':
    case 'cancelled':
      return { ...base, state: run.state, values: {} };
    case 'done': {
      const { outcome } = run;
      const values: LaneFigures['values'] = { roundTripMs: outcome.roundTripMs };
      if (!base.inPage) {
        values.requestBytes = outcome.wire.request.bytes;
        values.responseBytes = outcome.wire.response.bytes;
        const serverMs = outcome.timing?.server?.totalMs ?? (outcome.ok ? outcome.value.timing?.serverMs : undefined);
        if (serverMs !== undefined) values.serverMs = serverMs;
      }
      return outcome.ok
        ? { ...base, state: 'ok', answer: answerOf(outcome.value.output), cached: outcome.value.cached === true, values }
        : { ...base, state: 'error', answer: outcome.error.code, values };
    }
  }
}

/** The answer given by the most lanes (the first of them on a tie). */
function mostCommon(answers: string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const answer of answers) counts.set(answer, (counts.get(answer) ?? 0) + 1);
  let top: string | undefined;
  for (const [answer, count] of counts) if (top === undefined || count > counts.get(top)!) top = answer;
  return top;
}

/** Best of each column among the lanes that answered, the widest value of each, and the answers that stand out. */
export function compareLanes(figures: LaneFigures[]): Comparison {
  const answered = figures.filter((row) => row.state === 'ok');
  const bestValue = (column: Column) => Math.min(...answered.map((row) => row.values[column] ?? Infinity));
  const best = Object.fromEntries(COLUMNS.map((column) => [column, bestValue(column)])) as Record<Column, number>;
  const widest = Object.fromEntries(COLUMNS.map((column) => [column, Math.max(0, ...figures.map((row) => row.values[column] ?? 0))])) as Record<Column, number>;
  // An error is no answer to disagree with: it is shown as the error it is.
  const answers = answered.map((row) => row.answer!);
  const agree = new Set(answers).size <= 1;
  const majority = agree ? undefined : mostCommon(answers);
  const rows = figures.map((row) => ({
    ...row,
    best: row.state === 'ok' ? COLUMNS.filter((column) => row.values[column] !== undefined && row.values[column] === best[column]) : [],
    differs: majority !== undefined && row.state === 'ok' && row.answer !== majority,
  }));
  return { rows, widest, majority };
}

/** How each figure changed since the pinned send (positive: larger now). */
export function changeSince(now: LaneFigures, pinned: LaneFigures | undefined): Partial<Record<Column, number>> {
  if (!pinned) return {};
  const change: Partial<Record<Column, number>> = {};
  for (const column of COLUMNS) {
    const [current, before] = [now.values[column], pinned.values[column]];
    if (current !== undefined && before !== undefined) change[column] = current - before;
  }
  return change;
}
