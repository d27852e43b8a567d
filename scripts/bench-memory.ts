// `npm run bench:memory`: does the compiled server's memory stay bounded and flat under load? Starts
// `node dist/server/main.js` (compiling it first when stale) on free ports with its own DATA_DIR, sends 1,000 mixed
// requests over every protocol (a fifth of them images), reads the server's RSS, then 10,000 more with a reading every
// 1,000, and prints the curve and PASS/MISS for RSS ≤ 250 MiB after the first 1,000 and ±10% over the rest. RSS is
// read every 100 ms; "RSS after N requests" is the median over the last 250 of them (scripts/memory/memory-window.ts).
// MODELS_DIR must hold the ImageNet classifier; BENCH_PHOTOS_DIR (default ../shared/datasets/imagenet-sample) the photos.
// --node-defaults runs the same bundle without production's V8 flags and malloc setting, to see what they buy.
import { existsSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { readConfig } from '../server/config';
import { imagenetPaths } from '../server/models/imagenet/imagenet-files';
import { ensureSentimentModel } from '../server/models/sentiment';
import { buildServer, SERVER_BUNDLE, serverBuildIsStale } from './build-server';
import { openBenchLanes } from './memory/bench-lanes';
import { spawnCompiledServer } from './memory/compiled-server';
import { MEMORY_CURVE_HEADER, memoryCurveRow, memoryVerdicts, type MemorySample } from './memory/memory-verdict';
import { measureWindow } from './memory/memory-window';
import { readProcessMemory } from './memory/process-memory';
import { BENCH_LINEAR_MODEL, createRequestMix, linearTrainingSet } from './memory/request-mix';
import { startRssSampler } from './memory/rss-sampler';
import { emptyTally } from './memory/run-requests';
import { SERVER_ENV, SERVER_NODE_OPTIONS } from './server-bundle/server-runtime';
import { UNLIMITED_WEBSOCKET } from './support/unlimited-websocket';

const root = path.resolve(import.meta.dirname, '..');
const FIRST_REQUESTS = 1_000;
const MORE_REQUESTS = 10_000;
const SAMPLE_EVERY = 1_000;
const CONCURRENCY = 8;

function photoFiles(): string[] {
  const dir = path.resolve(process.env.BENCH_PHOTOS_DIR || path.join(root, '../shared/datasets/imagenet-sample'));
  const files = existsSync(dir) ? readdirSync(dir).filter((file) => /\.(jpe?g|png|webp)$/i.test(file)).sort() : [];
  if (files.length === 0) throw new Error(`no photos in ${dir}; set BENCH_PHOTOS_DIR to a folder of JPEG/PNG/WebP images`);
  return files.map((file) => path.join(dir, file));
}

async function main() {
  const config = readConfig();
  if (!existsSync(imagenetPaths(config.modelsDir).model)) throw new Error(`no ImageNet classifier in MODELS_DIR=${config.modelsDir}; run npm run models:fetch`);
  const photos = photoFiles();
  if (serverBuildIsStale(root)) await buildServer(root);
  await ensureSentimentModel(config.dataDir);

  const runtime = process.argv.includes('--node-defaults')
    ? { nodeOptions: ['--enable-source-maps'], runtimeEnv: {} }
    : { nodeOptions: SERVER_NODE_OPTIONS, runtimeEnv: SERVER_ENV };
  // Its one WebSocket connection carries an eighth of the mix, over 50 messages/s once the server is quick enough.
  const server = await spawnCompiledServer({ root, modelsDir: config.modelsDir, sentimentFrom: config.dataDir, env: { ...UNLIMITED_WEBSOCKET }, ...runtime });
  const lanes = openBenchLanes(server);
  const sampler = startRssSampler(server.pid);
  try {
    const atStart = await readProcessMemory(server.pid);
    const command = [...Object.entries(runtime.runtimeEnv).map(([name, value]) => `${name}=${value}`), 'node', ...runtime.nodeOptions, SERVER_BUNDLE];
    console.log(`${command.join(' ')} (pid ${server.pid})`);
    console.log(`ready in ${server.readyMs.toFixed(0)} ms (spawn → /healthz 200, gRPC and MQTT accepting), RSS ${atStart.rssMiB.toFixed(1)} MiB`);
    console.log(`${lanes.length} lanes (${lanes.map((lane) => lane.name).join(', ')}), ${CONCURRENCY} requests at a time, photos from ${path.dirname(photos[0]!)}\n`);

    const setup = await lanes[0]!.train!(BENCH_LINEAR_MODEL, linearTrainingSet(0));
    if (!setup.ok) throw new Error(`training ${BENCH_LINEAR_MODEL} failed: ${setup.error}`);
    const mix = createRequestMix(lanes, (turn) => readFile(photos[turn % photos.length]!).then((bytes) => new Uint8Array(bytes)));
    const run = { mix, pid: server.pid, sampler, concurrency: CONCURRENCY, tally: emptyTally() };
    const samples: MemorySample[] = [];
    const started = performance.now();
    console.log(MEMORY_CURVE_HEADER);
    for (let done = 0; done < FIRST_REQUESTS + MORE_REQUESTS; done = samples.at(-1)!.requests) {
      samples.push(await measureWindow(run, done, done < FIRST_REQUESTS ? FIRST_REQUESTS : done + SAMPLE_EVERY));
      console.log(memoryCurveRow(samples.at(-1)!));
    }
    const { tally } = run;
    const seconds = (performance.now() - started) / 1000;
    console.log(`\n${tally.sent.toLocaleString('en')} requests in ${seconds.toFixed(0)} s; per lane: ${[...tally.perLane].map(([lane, count]) => `${lane} ${count}`).join(', ')}`);
    for (const [failure, count] of tally.failures) console.log(`  failed ×${count}: ${failure}`);

    const verdicts = memoryVerdicts(samples[0]!, samples.slice(1));
    if (tally.failed > 0) verdicts.push({ pass: false, line: `${tally.failed} requests failed` });
    console.log('');
    for (const verdict of verdicts) console.log(`${verdict.pass ? 'PASS' : 'MISS'}  ${verdict.line}`);
    process.exitCode = verdicts.every((verdict) => verdict.pass) ? 0 : 1;
  } finally {
    sampler.stop();
    for (const lane of lanes) lane.close();
    const code = await server.stop();
    if (code !== 0) console.log(`the server exited with code ${code}:\n${server.output().slice(-2000)}`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
