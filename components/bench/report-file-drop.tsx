'use client';

import { useId, useState, type DragEvent } from 'react';
import type { BenchReport } from '../../lib/bench/bench-report';
import { readBenchReport } from './read-bench-report';

/** Far above any real report (a few hundred kB); a bigger file is not one, and parsing it would freeze the tab. */
const MAX_REPORT_BYTES = 20 * 1024 * 1024;

async function readReportFile(file: File) {
  if (file.size > MAX_REPORT_BYTES) return { ok: false as const, problem: `${file.name} is ${Math.round(file.size / 1e6)} MB; a benchmark report is far smaller.` };
  return readBenchReport(await file.text(), file.name);
}

/** A report file by drop or by file picker; a wrong file is refused with what is wrong with it. */
export function ReportFileDrop({ onReport }: { onReport(report: BenchReport, fileName: string): void }) {
  const inputId = useId();
  const [dragging, setDragging] = useState(false);
  const [problem, setProblem] = useState<string>();

  async function accept(file: File | undefined) {
    if (!file) return;
    const read = await readReportFile(file);
    if (!read.ok) return setProblem(read.problem);
    setProblem(undefined);
    onReport(read.report, file.name);
  }

  function onDrop(event: DragEvent) {
    event.preventDefault();
    setDragging(false);
    void accept(event.dataTransfer.files[0]);
  }

  return (
    <div
      className={dragging ? 'image-drop dragging' : 'image-drop'}
      onDragOver={(event) => {
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
      <div className="image-drop-controls">
        <label htmlFor={inputId} className="image-drop-label">
          Report file
        </label>
        <input
          id={inputId}
          type="file"
          accept="application/json,.json"
          onChange={(event) => {
            void accept(event.target.files?.[0]);
            // The same file picked again (after fixing it) fires a change too.
            event.target.value = '';
          }}
        />
        <p className="muted small">
          Drop or choose a JSON report from <code>npm run bench -- --json FILE</code>, e.g. one from another machine.
        </p>
        {problem ? (
          <p className="error-text small" role="alert" data-testid="report-file-problem">
            {problem}
          </p>
        ) : null}
      </div>
    </div>
  );
}
