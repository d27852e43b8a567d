// `npm run models:build [-- --if-missing]`: trains the sentiment model and writes it into DATA_DIR/sentiment/.
import { readConfig } from '../server/config';
import { buildSentimentModel, ensureSentimentModel } from '../server/models/sentiment';

const USAGE = 'usage: npm run models:build [-- --if-missing]   (env: DATA_DIR)';

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const help = args.includes('--help') || args.includes('-h');
  if (help || args.some((arg) => arg !== '--if-missing')) {
    console.error(help ? USAGE : `unknown argument(s): ${args.join(' ')}\n${USAGE}`);
    return help ? 0 : 2;
  }
  const { dataDir } = readConfig();
  try {
    // --if-missing keeps a valid model (right featurizer, hash matching its sidecar) and rebuilds anything else.
    const build = args.includes('--if-missing') ? await ensureSentimentModel(dataDir) : await buildSentimentModel(dataDir);
    if (build.built) {
      console.log(`Sentiment model trained on ${build.samples} sentences in ${(build.ms / 1000).toFixed(1)} s`);
    } else {
      console.log('Sentiment model already built; nothing to do (run without --if-missing to rebuild).');
    }
    console.log(`  model    ${build.modelPath}\n  sidecar  ${build.sidecarPath}\n  sha256   ${build.sha256}`);
    return 0;
  } catch (error) {
    console.error(`models:build failed: ${error instanceof Error ? error.message : String(error)}`);
    console.error(`DATA_DIR is ${dataDir}; it must be writable.`);
    return 1;
  }
}

process.exitCode = await main();
