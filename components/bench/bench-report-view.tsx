'use client';

import { useMemo } from 'react';
import type { BenchReport } from '../../lib/bench/bench-report';
import styles from './bench.module.css';
import { ceilingComparisons, floorComparisons } from './bench-data';
import { BenchMachine } from './bench-machine';
import { FloorComparison } from './floor-comparison';
import { LatencyPercentiles } from './latency-percentiles';
import { ModelCeilings } from './model-ceilings';
import { ReportedTargets } from './reported-targets';
import { SeedExperiment } from './seed-experiment';

function BenchNotes({ notes }: { notes: string[] }) {
  if (notes.length === 0) return null;
  return (
    <section className={`card ${styles.section}`} aria-labelledby="notes-title" data-testid="bench-notes">
      <h2 id="notes-title">Notes from the run</h2>
      <ul className={`${styles.notes} small`}>
        {notes.map((note, i) => (
          <li key={i}>{note}</li>
        ))}
      </ul>
    </section>
  );
}

/** One bench report, section by section: where it ran, the targets, the floors, the latencies, the models, the notes. */
export function BenchReportView({ report }: { report: BenchReport }) {
  const floors = useMemo(() => floorComparisons(report), [report]);
  const ceilings = useMemo(() => ceilingComparisons(report), [report]);
  return (
    <>
      <BenchMachine report={report} />
      <ReportedTargets targets={report.targets} />
      <FloorComparison comparisons={floors} />
      <SeedExperiment result={report.seedExperiment} />
      <LatencyPercentiles report={report} />
      <ModelCeilings comparisons={ceilings} />
      <BenchNotes notes={report.notes} />
    </>
  );
}
