// `npm run models:export-repository -- <dir> [--force]`: writes a Triton-style model repository of every model this
// ModelWire serves (DATA_DIR, MODELS_DIR), for NVIDIA Triton, KServe or MLServer to serve. See docs/serving/triton.md.
import { parseArgs } from 'node:util';
import { readConfig } from '../server/config';
import { exportModelRepository, RepositoryTargetError } from '../server/model-repository/export-model-repository';

const USAGE = 'usage: npm run models:export-repository -- <dir> [--force]   (env: DATA_DIR, MODELS_DIR, MAX_BATCH_SIZE, MAX_QUEUE_DELAY_MICROSECONDS)';

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ allowPositionals: true, options: { force: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h' } } });
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (positionals.length !== 1) {
    console.error(positionals.length === 0 ? `missing the repository folder\n${USAGE}` : `one folder only, got: ${positionals.join(' ')}\n${USAGE}`);
    return 2;
  }
  const config = readConfig();
  try {
    const summary = await exportModelRepository({ ...config, target: positionals[0]!, force: values.force, warn: console.warn, log: console.log });
    const models = `${summary.written.length} model${summary.written.length === 1 ? '' : 's'}`;
    console.log(`Model repository written to ${summary.target} (${models}${summary.skipped.length ? `, ${summary.skipped.length} skipped` : ''}).`);
    console.log(`Serve it with Triton: docker run --rm -p 8000:8000 -p 8001:8001 -v "${summary.target}":/models nvcr.io/nvidia/tritonserver:<yy.mm>-py3 tritonserver --model-repository=/models`);
    return 0;
  } catch (error) {
    console.error(`models:export-repository failed: ${error instanceof Error ? error.message : String(error)}`);
    return error instanceof RepositoryTargetError ? 2 : 1;
  }
}

process.exitCode = await main();
