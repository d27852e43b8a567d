import { describe, expect, it } from 'vitest';
import { sampleBenchReport } from '../../../test/bench-route/bench-report-fixture';
import { parseOptions } from '../options';
import { buildReport } from './build-report';

const NO_ENV = {} as NodeJS.ProcessEnv;

function reportOver(argv: string[]) {
  const { scenarios } = sampleBenchReport();
  return buildReport(parseOptions(argv, NO_ENV, '/repo'), { scenarios, notes: [], server: { build: 'dist', command: 'node dist/server/main.js' }, images: 0 }, new Date(0), 1);
}

describe('buildReport', () => {
  it("checks the issue's targets against the inline floors, and none when the floors ran the model (--floors-onnx)", () => {
    const inline = reportOver([]);
    expect(inline.targets?.map((target) => target.name)).toContain('REST c32 rps ≥ 0.5× floor');
    expect(reportOver(['--floors-onnx']).targets).toEqual([]);
  });
});
