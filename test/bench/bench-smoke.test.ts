import { execFile } from 'node:child_process';
import { cp, readFile, rm } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { isBenchReport, type BenchReport } from '../../lib/bench/bench-report';
import { SHARED_IMAGENET_DIR, SHARED_PHOTOS_DIR, skipWithoutSharedImagenet } from '../support/shared-files';
import { makeTempDir } from '../support/start-api';

// `npm run bench` at its smallest: every part runs and answers correctly; no timing is asserted.

const root = path.resolve(import.meta.dirname, '../..');
const PROTOCOLS = ['rest', 'grpc', 'mqtt'];
const withImages = !skipWithoutSharedImagenet();

function runBench(args: string[], env: Record<string, string>): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'scripts/bench/main.ts', ...args], { cwd: root, env: { ...process.env, ...env }, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) =>
      resolve({ code: typeof error?.code === 'number' ? error.code : error ? 1 : 0, output: `${stdout}\n${stderr}` }),
    );
  });
}

describe('npm run bench --quick, tiny counts', () => {
  let dataDir = '';
  let report: BenchReport;
  let output = '';

  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it('runs to the end with exit code 0 and writes a valid report, also as latest.json', async () => {
    dataDir = await makeTempDir('bench-smoke');
    await cp(path.join(inject('prebuiltDataDir'), 'sentiment'), path.join(dataDir, 'sentiment'), { recursive: true });
    const jsonFile = path.join(dataDir, 'out.json');
    const images = withImages ? ['--images', '2'] : ['--images', '0'];
    const args = ['--quick', '--calls', '20', '--seconds', '0.3', ...images, '--only', PROTOCOLS.join(','), '--server', 'tsx', '--json', jsonFile];
    const run = await runBench(args, { DATA_DIR: dataDir, MODELS_DIR: SHARED_IMAGENET_DIR, PHOTOS_DIR: SHARED_PHOTOS_DIR });
    output = run.output;
    expect(run.code, output).toBe(0);

    const parsed: unknown = JSON.parse(await readFile(jsonFile, 'utf8'));
    expect(isBenchReport(parsed), output).toBe(true);
    report = parsed as BenchReport;
    expect(JSON.parse(await readFile(path.join(dataDir, 'bench/latest.json'), 'utf8'))).toEqual(parsed);
    expect(output).toContain('Targets (issue 10');
  }, 180_000); // about 30 s on an idle 2-core machine; more when other work shares it

  it('ran the sequential loads against the floors with the client and the servers on CPUs of their own, when there are two', () => {
    const pinned = /Sequential loads against the floors ran with the bench's client on CPU \d+ and the servers on CPU [\d,]+ \(taskset\)/;
    if (availableParallelism() < 2 || process.platform !== 'linux') {
      if (process.env.CI === 'true') throw new Error('CI runs on a Linux machine with 2 CPUs');
      console.log(`skipped: ${availableParallelism()} CPU(s) on ${process.platform}`);
      expect(output).toMatch(/Sequential loads ran wherever the scheduler put/);
      return;
    }
    expect(output).toMatch(pinned);
    expect(output).not.toContain('taskset failed');
    expect(output).toContain('measured in turns: every load cut into 4 slices');
  });

  it('made calls in every scenario and load, with no errors, and counted their bytes', () => {
    const workloads = withImages ? ['sentiment', 'linear-model', 'image'] : ['sentiment', 'linear-model'];
    const expectedIds = [
      ...PROTOCOLS.flatMap((protocol) => [`modelwire/linear/${protocol}`, `floor/linear/${protocol}`]),
      ...PROTOCOLS.flatMap((protocol) => workloads.map((workload) => `modelwire/${workload}/${protocol}`)),
      ...workloads.map((workload) => `in-process/${workload}`),
    ];
    expect(report.scenarios.map((scenario) => scenario.id).sort()).toEqual(expectedIds.sort());
    for (const scenario of report.scenarios) {
      for (const run of scenario.runs) {
        expect(run.calls, `${scenario.id} c${run.concurrency}`).toBeGreaterThan(0);
        expect(run.errors, `${scenario.id} c${run.concurrency}: ${run.firstError}`).toBe(0);
        // Bytes per call are counted on the wire for every protocol; the in-process models have none.
        if (scenario.target !== 'in-process') expect([run.requestBytes, run.responseBytes].every((bytes) => bytes > 0), scenario.id).toBe(true);
      }
    }
  });

  it('has a ratio for every protocol and load: to the floor, and to the in-process model', () => {
    const ratioKeys = report.ratios.filter((ratio) => Number.isFinite(ratio.rpsRatio) && Number.isFinite(ratio.p50Ratio)).map((ratio) => `${ratio.against}/${ratio.workload}/${ratio.protocol}/c${ratio.concurrency}`);
    const modelWorkloads = withImages ? ['sentiment', 'linear', 'image'] : ['sentiment', 'linear'];
    for (const protocol of PROTOCOLS) {
      for (const concurrency of [1, 8, 32, 64]) expect(ratioKeys).toContain(`floor/linear/${protocol}/c${concurrency}`);
      for (const workload of modelWorkloads) for (const concurrency of [1, 8]) expect(ratioKeys).toContain(`in-process/${workload}/${protocol}/c${concurrency}`);
    }
    expect(report.targets?.length).toBeGreaterThan(0);
    expect(report.seedExperiment?.rows.length).toBe(4);
  });
});
