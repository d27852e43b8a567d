import { existsSync } from 'node:fs';
import path from 'node:path';
import { imagenetPaths } from '../../server/models/imagenet/imagenet-files';
import type { ServerBuild } from '../server-bundle/server-runtime';
import type { LaneProtocol } from './lanes/lane';
import type { LoadSettings } from './run/scenarios';

export const USAGE = `npm run bench -- [options]
  --calls N         sequential calls per scenario (default 1000; images: one call per photo)
  --seconds S       seconds per concurrent load (default 3)
  --images N        photos for the image model (default 200; 0 skips the image part)
  --only LIST       protocols to run, e.g. rest,grpc (default: rest,graphql,soap,grpc,websocket,mqtt)
  --slices N        ModelWire and the floor take turns N times per load (default 4; 1: one after the other)
  --quick           a short pass: 100 calls, 0.5 s loads, 20 photos (explicit options still win)
  --floors-onnx     the floors answer with the seed's ONNX linear graph through onnxruntime-node, one run per call,
                    instead of the formula inline: ModelWire's ratios then show its own code's cost (no targets checked)
  --server tsx|dist ModelWire from the TypeScript sources or, by default, dist/server/main.js (compiled first when stale)
  --json FILE       also write the report there (it always goes to <DATA_DIR or ./data>/bench/latest.json)`;

const ALL_PROTOCOLS: LaneProtocol[] = ['rest', 'graphql', 'soap', 'grpc', 'websocket', 'mqtt'];

export interface BenchOptions extends LoadSettings {
  images: number;
  /** Slices each load against a floor is cut into, ModelWire and the floor taking turns (see runScenariosTogether). */
  slicesPerLoad: number;
  /** The floors run the seed's linear graph through onnxruntime-node instead of the formula inline (--floors-onnx). */
  floorsRunOnnx: boolean;
  warmupSeconds: number;
  protocols: LaneProtocol[];
  server?: ServerBuild;
  jsonFile?: string;
  /** DATA_DIR (default ./data): latest.json goes to its bench/ folder, and its built sentiment model is reused. */
  dataDir: string;
  photosDir: string;
  modelsDir: string;
}

function numberAfter(flag: string, raw: string | undefined, { integer }: { integer: boolean }): number {
  const value = Number(raw);
  if (raw === undefined || !Number.isFinite(value) || value < 0 || (integer && !Number.isInteger(value))) {
    throw new Error(`${flag} needs a ${integer ? 'whole ' : ''}number ≥ 0, got "${raw ?? ''}"\n\n${USAGE}`);
  }
  return value;
}

function protocolsOf(list: string | undefined): LaneProtocol[] {
  const names = (list ?? '').split(',').map((name) => name.trim()).filter(Boolean);
  const unknown = names.filter((name) => !ALL_PROTOCOLS.includes(name as LaneProtocol));
  if (names.length === 0 || unknown.length > 0) throw new Error(`--only takes some of ${ALL_PROTOCOLS.join(',')}; got "${list ?? ''}"`);
  return ALL_PROTOCOLS.filter((protocol) => names.includes(protocol));
}

/** MODELS_DIR when set; else ./models once `npm run models:fetch` filled it; else ../shared beside the repository. */
function imagenetDir(env: NodeJS.ProcessEnv, root: string): string {
  if (env.MODELS_DIR) return path.resolve(root, env.MODELS_DIR);
  const fetched = path.resolve(root, 'models');
  return existsSync(imagenetPaths(fetched).model) ? fetched : path.resolve(root, '../shared/models/imagenet');
}

/** Reads the command line; `env` gives the folders (DATA_DIR, MODELS_DIR, PHOTOS_DIR) and BENCH_SERVER. */
export function parseOptions(argv: string[], env: NodeJS.ProcessEnv = process.env, root = process.cwd()): BenchOptions {
  const given = new Map<string, string | undefined>();
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    if (flag === '--quick' || flag === '--floors-onnx') given.set(flag, undefined);
    else if (flag.startsWith('--')) given.set(flag, argv[++i]);
    else throw new Error(`unexpected argument "${flag}"\n\n${USAGE}`);
  }
  const quick = given.has('--quick');
  const read = (flag: string, fallback: number, integer = true) => (given.has(flag) ? numberAfter(flag, given.get(flag), { integer }) : fallback);
  const server = given.get('--server') ?? env.BENCH_SERVER;
  if (server !== undefined && server !== 'tsx' && server !== 'dist') throw new Error(`--server takes tsx or dist, got "${server}"`);

  const sequentialCalls = Math.max(1, read('--calls', quick ? 100 : 1000));
  const secondsPerLoad = read('--seconds', quick ? 0.5 : 3, false);
  return {
    sequentialCalls,
    secondsPerLoad,
    concurrencies: [8, 32, 64],
    modelConcurrency: 8,
    maxSequentialSeconds: Math.max(10, 3 * secondsPerLoad),
    byteSampleCalls: Math.min(20, sequentialCalls),
    // Long enough for V8 to optimise a server's request path (ModelWire's is longer than a floor's): 0.5 s left its
    // first sequential run at 1.6× the p50 of the same calls a few seconds later.
    warmupSeconds: Math.min(2, (secondsPerLoad * 2) / 3),
    images: read('--images', quick ? 20 : 200),
    slicesPerLoad: Math.max(1, read('--slices', 4)),
    floorsRunOnnx: given.has('--floors-onnx'),
    protocols: given.has('--only') ? protocolsOf(given.get('--only')) : ALL_PROTOCOLS,
    server,
    jsonFile: given.get('--json'),
    dataDir: path.resolve(root, env.DATA_DIR || 'data'),
    photosDir: path.resolve(root, env.PHOTOS_DIR || '../shared/datasets/imagenet-sample'),
    modelsDir: imagenetDir(env, root),
  };
}
