'use client';

import { useState } from 'react';
import { LATEST_BENCH_REPORT, type BenchReport } from '../../lib/bench/bench-report';
import type { ApiEndpoints } from '../../lib/clients/create-clients';
import styles from './bench.module.css';
import { BenchReportView } from './bench-report-view';
import { BrowserComparison } from './browser-comparison';
import { ReportFileDrop } from './report-file-drop';
import { useLatestBenchReport, type LatestReport } from './use-latest-bench-report';

interface UploadedReport {
  fileName: string;
  report: BenchReport;
}

function LatestStatus({ latest, reload, reloading }: { latest: LatestReport; reload(): void; reloading: boolean }) {
  const reloadButton = (
    <button type="button" className="secondary small" onClick={reload} disabled={reloading} aria-busy={reloading}>
      Reload
    </button>
  );
  switch (latest.state) {
    case 'loading':
      return <p className="muted">Loading the server&apos;s latest report…</p>;
    case 'ready':
      return (
        <div className={styles.sourceRow}>
          <p>Showing the server&apos;s latest report.</p>
          {reloadButton}
        </div>
      );
    case 'none':
      return (
        <div className={`notice ${styles.hint}`} data-testid="no-report">
          <p>
            <strong>No benchmark yet.</strong> Run <code>npm run bench</code> beside the server (it writes{' '}
            <code>DATA_DIR/{LATEST_BENCH_REPORT}</code>), then {reloadButton} — or load a report file below.
          </p>
        </div>
      );
    case 'failed':
      return (
        <div className="notice error" role="alert">
          <p>{latest.message}</p>
          <p>{reloadButton}</p>
        </div>
      );
  }
}

/** /bench: the server's latest `npm run bench` report, or one the user loads, beside the browser's own measurement. */
export function BenchPage({ api }: { api: ApiEndpoints }) {
  const { latest, reload, reloading } = useLatestBenchReport(api.apiBaseUrl);
  const [uploaded, setUploaded] = useState<UploadedReport>();
  const report = uploaded?.report ?? (latest.state === 'ready' ? latest.report : undefined);

  return (
    <div className={styles.layout}>
      <div className={styles.column}>
        <section className={`card ${styles.section}`} aria-labelledby="source-title">
          <h2 id="source-title">Report</h2>
          {uploaded ? (
            <div className={styles.sourceRow}>
              <p>
                Showing <strong>{uploaded.fileName}</strong>.
              </p>
              <button type="button" className="secondary small" onClick={() => setUploaded(undefined)}>
                Show the server&apos;s report
              </button>
            </div>
          ) : (
            <LatestStatus latest={latest} reload={reload} reloading={reloading} />
          )}
          <ReportFileDrop onReport={(next, fileName) => setUploaded({ report: next, fileName })} />
        </section>
        {/* A new report starts with fresh choices (workload, load) rather than ones it may not have. */}
        {report ? <BenchReportView key={uploaded ? `file:${uploaded.fileName}:${report.startedAt}` : `server:${report.startedAt}`} report={report} /> : null}
      </div>
      <BrowserComparison api={api} />
    </div>
  );
}
