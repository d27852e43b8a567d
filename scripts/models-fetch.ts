// `npm run models:fetch [-- --force]`: downloads and verifies the ImageNet classifier into MODELS_DIR.
import { readConfig } from '../server/config';
import { fetchImagenetModel, type FetchImagenetSummary, type FileProgress } from '../server/models/imagenet/fetch-imagenet';
import { IMAGENET_FILES } from '../server/models/imagenet/imagenet-files';

const USAGE = 'usage: npm run models:fetch [-- --force]   (env: MODELS_DIR, MODELS_BASE_URL)';
const megabytes = (bytes: number) => (bytes / 1e6).toFixed(1);
const size = (bytes: number) => (bytes < 1e6 ? `${(bytes / 1e3).toFixed(1)} kB` : `${megabytes(bytes)} MB`);

/** A redrawn bar on a terminal; a line every 25% or 5 s otherwise, so CI logs stay readable. */
function createProgressReporter(out: NodeJS.WriteStream) {
  const interactive = out.isTTY === true;
  let current = '';
  let startedAt = 0;
  let lastDrawAt = 0;
  let lastQuarter = -1;

  const describe = (progress: FileProgress) => {
    const seconds = Math.max((performance.now() - startedAt) / 1000, 0.001);
    const done = progress.receivedBytes >= progress.totalBytes && progress.totalIsExact;
    // An estimated total can be exceeded; never claim 100% until the download is really done.
    const percent = done ? 100 : Math.min(99, Math.floor((100 * progress.receivedBytes) / Math.max(progress.totalBytes, 1)));
    const total = `${progress.totalIsExact ? '' : '~'}${size(progress.totalBytes)}`;
    // The first chunks arrive within a millisecond or two; a speed from them would be meaningless.
    const speed = done || seconds >= 0.3 ? `  ${size(progress.receivedBytes / seconds)}/s` : '';
    return { done, percent, text: `${String(percent).padStart(3)}%  ${size(progress.receivedBytes)} of ${total}${speed}` };
  };

  return {
    onProgress(progress: FileProgress) {
      const now = performance.now();
      if (progress.fileName !== current) {
        if (interactive && current) out.write('\n');
        current = progress.fileName;
        startedAt = now;
        lastDrawAt = 0;
        lastQuarter = -1;
        out.write(`Downloading ${progress.fileName} from ${progress.url}\n`);
      }
      const { done, percent, text } = describe(progress);
      if (interactive) {
        if (!done && now - lastDrawAt < 100) return;
        const width = 30;
        const filled = Math.round((percent / 100) * width);
        out.write(`\r\x1b[K  [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${text}`);
      } else {
        const quarter = Math.floor(percent / 25);
        if (!done && quarter === lastQuarter && now - lastDrawAt < 5000) return;
        lastQuarter = quarter;
        out.write(`  ${progress.fileName}: ${text}\n`);
      }
      lastDrawAt = now;
    },
    finish() {
      if (interactive && current) out.write('\n');
      current = '';
    },
  };
}

function printSummary(summary: FetchImagenetSummary, modelsDir: string): void {
  const { model, labels, input, output } = summary.verification;
  if (summary.alreadyPresent) {
    console.log(`ImageNet classifier already installed in ${modelsDir}; nothing to download (--force downloads it again).`);
  } else {
    if (summary.replacedBecause) console.log(`Replaced the files that were there, because: ${summary.replacedBecause}`);
    console.log(`ImageNet classifier installed in ${modelsDir} (${size(summary.downloadedBytes)} in ${summary.seconds.toFixed(1)} s)`);
  }
  console.log(`  model   ${model.path}\n          sha256 ${model.sha256}  (${model.bytes} bytes)`);
  console.log(`  labels  ${labels.path}\n          sha256 ${labels.sha256}  (${labels.count} labels)`);
  console.log(
    `Verified: both SHA-256s match the pinned values, and onnxruntime loads the model ` +
      `(input "${input.name}" [${input.shape.join(',')}] -> output "${output.name}" [${output.shape.join(',')}]).`,
  );
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  if (args.some((arg) => arg !== '--force')) {
    console.error(args.includes('--help') || args.includes('-h') ? USAGE : `unknown argument(s): ${args.join(' ')}\n${USAGE}`);
    return args.includes('--help') || args.includes('-h') ? 0 : 2;
  }
  const config = readConfig();
  const reporter = createProgressReporter(process.stderr);
  try {
    const summary = await fetchImagenetModel({
      modelsDir: config.modelsDir,
      baseUrl: config.modelsBaseUrl,
      force: args.includes('--force'),
      onProgress: reporter.onProgress,
    });
    reporter.finish();
    printSummary(summary, config.modelsDir);
    return 0;
  } catch (error) {
    reporter.finish();
    console.error(`models:fetch failed: ${error instanceof Error ? error.message : String(error)}`);
    const names = IMAGENET_FILES.map((file) => file.fileName).join(' and ');
    console.error(`MODELS_DIR is ${config.modelsDir}; it needs ${names}.`);
    return 1;
  }
}

process.exitCode = await main();
