import { summarize } from '../lib/latency-stats';
import type { LatencySeries } from './latency-chart';
import { formatMs } from './units';

/** One lane's samples from a repeat run: round trips (the chart's series) and the server's own times. */
export interface SeriesData extends LatencySeries {
  serverMs: number[];
}

/** The numbers behind the latency chart, per lane: calls, errors, min, p50, p95, max and the server's own p50. */
export function LatencyTable({ series }: { series: SeriesData[] }) {
  return (
    <div className="table-scroll">
      <table className="stats-table">
        <caption className="sr-only">Round-trip times per protocol</caption>
        <thead>
          <tr>
            <th scope="col">lane</th>
            <th scope="col">ok</th>
            <th scope="col">errors</th>
            <th scope="col">min</th>
            <th scope="col">p50</th>
            <th scope="col">p95</th>
            <th scope="col">max</th>
            <th scope="col">server p50</th>
          </tr>
        </thead>
        <tbody>
          {series.map((entry) => {
            const stats = summarize(entry.samples);
            const server = summarize(entry.serverMs);
            return (
              <tr key={entry.id}>
                <th scope="row">{entry.title}</th>
                <td>{entry.samples.length}</td>
                <td>{entry.errors}</td>
                <td>{stats ? formatMs(stats.min) : '–'}</td>
                <td>{stats ? formatMs(stats.p50) : '–'}</td>
                <td>{stats ? formatMs(stats.p95) : '–'}</td>
                <td>{stats ? formatMs(stats.max) : '–'}</td>
                <td>{server ? formatMs(server.p50) : '–'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
