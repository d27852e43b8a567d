'use client';

import { useState } from 'react';
import type { BenchReport } from '../../lib/bench/bench-report';
import { FileDrop } from '../file-drop';
import { readBenchReport } from './read-bench-report';

/** Far above any real report (a few hundred kB); a bigger file is not one, and parsing it would freeze the tab. */
const MAX_REPORT_BYTES = 20 * 1024 * 1024;

async function readReportFile(file: File) {
  if (file.size > MAX_REPORT_BYTES) return { ok: false as const, problem: `${file.name} is ${Math.round(file.size / 1e6)} MB; a benchmark report is far smaller.` };
  return readBenchReport(await file.text(), file.name);
}

/** A report file by drop or by file picker; a wrong file is refused with what is wrong with it. */
export function ReportFileDrop({ onReport }: { onReport(report: BenchReport, fileName: string): void }) {
  const [problem, setProblem] = useState<string>();

  async function accept(file: File) {
    const read = await readReportFile(file);
    if (!read.ok) return setProblem(read.problem);
    setProblem(undefined);
    onReport(read.report, file.name);
  }

  return (
    <FileDrop label="Report file" accept="application/json,.json" onFile={(file) => void accept(file)}>
      <p className="muted small">
        Drop or choose a JSON report from <code>npm run bench -- --json FILE</code>, e.g. one from another machine.
      </p>
      {problem ? (
        <p className="error-text small" role="alert" data-testid="report-file-problem">
          {problem}
        </p>
      ) : null}
    </FileDrop>
  );
}
