import { formatBytes, formatMs } from '../units';
import type { Column } from './lane-figures';

export const COLUMN_LABELS: Record<Column, string> = {
  roundTripMs: 'Round trip',
  serverMs: 'Server',
  requestBytes: 'Request ↑',
  responseBytes: 'Response ↓',
};

const isTime = (column: Column) => column === 'roundTripMs' || column === 'serverMs';

export const formatFigure = (column: Column, value: number) => (isTime(column) ? formatMs(value) : formatBytes(value));

/** A change since the pinned send, signed: "+1.2 ms", "−300 B", "±0". */
export function formatChange(column: Column, change: number): string {
  if (change === 0) return '±0';
  return `${change > 0 ? '+' : '−'}${formatFigure(column, Math.abs(change))}`;
}
