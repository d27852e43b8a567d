import { formatMs } from '../units';
import { protocolTitle } from '../../lib/bench/bench-titles';
import styles from './bench.module.css';
import { BenchTable, GroupedRows } from './bench-table';
import { measured, type ComparedLoad, type ProtocolComparison } from './bench-data';
import { formatRatio, formatRps, loadTitle } from './bench-format';

interface ComparisonTableProps {
  caption: string;
  /** What ModelWire is measured against, for the column heads: "floor" or "in-process". */
  theirs: string;
  comparisons: ProtocolComparison[];
  /** Marks the ratios a target applies to as met or missed. */
  verdict?(load: ComparedLoad, ratio: 'rps' | 'p50'): boolean | undefined;
}

function RatioCell({ ratio, met }: { ratio: number | undefined; met: boolean | undefined }) {
  if (met === undefined || measured(ratio) === undefined) return <td>{formatRatio(ratio)}</td>;
  return (
    <td className={met ? styles.good : styles.bad}>
      {formatRatio(ratio)} <span aria-hidden="true">{met ? '✓' : '✗'}</span>
      <span className="sr-only">{met ? 'meets the target' : 'misses the target'}</span>
    </td>
  );
}

/** The numbers behind the throughput charts: per protocol and load, both sides' rps and p50 and the bench's ratios. */
export function ComparisonTable({ caption, theirs, comparisons, verdict }: ComparisonTableProps) {
  return (
    <BenchTable caption={caption} columns={['protocol', 'load', 'ModelWire rps', `${theirs} rps`, 'rps ratio', 'ModelWire p50', `${theirs} p50`, 'p50 ratio']}>
      {comparisons.map((comparison) => (
        <GroupedRows key={comparison.protocol} heading={protocolTitle(comparison.protocol)} rows={comparison.loads} rowKey={(load) => load.concurrency}>
          {(load) => (
            <>
              <th scope="row">{loadTitle(load.concurrency)}</th>
              <td>{load.ours ? formatRps(load.ours.rps) : '–'}</td>
              <td>{load.theirs ? formatRps(load.theirs.rps) : '–'}</td>
              <RatioCell ratio={load.ratio?.rpsRatio} met={load.ratio ? verdict?.(load, 'rps') : undefined} />
              <td>{load.ours ? formatMs(load.ours.latencyMs.p50) : '–'}</td>
              <td>{load.theirs ? formatMs(load.theirs.latencyMs.p50) : '–'}</td>
              <RatioCell ratio={load.ratio?.p50Ratio} met={load.ratio ? verdict?.(load, 'p50') : undefined} />
            </>
          )}
        </GroupedRows>
      ))}
    </BenchTable>
  );
}
