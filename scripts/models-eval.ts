// `npm run models:eval [-- --nested] [--tune-neutral] [--folds N] [--seed S]`: cross-validates the sentiment recipe
// next to the VADER and AFINN lexicon baselines on the same folds, then measures the neutral reading (and, with
// --tune-neutral, ranks the grid of neutral rules it was chosen from).
import { crossValidateSentiment, type CrossValidation } from '../server/models/sentiment/cross-validate';
import { SENTIMENT_SEED } from '../server/models/sentiment';
import { printNeutralEvaluation } from '../server/models/sentiment/neutral-evaluation';

const USAGE = 'usage: npm run models:eval [-- --nested] [--tune-neutral] [--folds N] [--seed S]';
/** λ candidates for --nested, strongest first (ties go to the stronger penalty). */
const L2_GRID = [3e-4, 1e-4, 3e-5];

function parseArgs(args: string[]): { nested: boolean; tuneNeutral: boolean; folds: number; seed: number } | string {
  const options = { nested: false, tuneNeutral: false, folds: 10, seed: SENTIMENT_SEED };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--nested') options.nested = true;
    else if (arg === '--tune-neutral') options.tuneNeutral = true;
    else if (arg === '--folds' || arg === '--seed') {
      const value = Number(args[++i]);
      if (!Number.isInteger(value) || (arg === '--folds' && (value < 2 || value > 100))) return `${arg} needs an integer`;
      options[arg === '--folds' ? 'folds' : 'seed'] = value;
    } else return `unknown argument: ${arg}`;
  }
  return options;
}

const percent = (x: number) => `${(100 * x).toFixed(2)}%`;

function printTable(cv: CrossValidation): void {
  const rows = cv.methods.map((m) => [m.name, m.rule, percent(m.accuracy), percent(Math.min(...m.foldAccuracies)), percent(Math.max(...m.foldAccuracies))]);
  const header = ['method', 'rule', `${cv.folds}-fold CV`, 'worst fold', 'best fold'];
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  const line = (cells: string[]) => cells.map((cell, c) => (c < 2 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));
}

const parsed = parseArgs(process.argv.slice(2));
if (typeof parsed === 'string') {
  console.error(`${parsed}\n${USAGE}`);
  process.exitCode = 2;
} else {
  const cv = crossValidateSentiment({ folds: parsed.folds, seed: parsed.seed, l2Grid: parsed.nested ? L2_GRID : undefined });
  console.log(`Sentiment: ${cv.folds}-fold cross-validation on ${cv.samples} labelled sentences (fold shuffle seed ${cv.seed})\n`);
  printTable(cv);
  // The lexicon rules learn nothing, so their held-out accuracy over all folds is their whole-set accuracy.
  const baselines = cv.methods.slice(1).map((m) => `${m.name} ${percent(m.accuracy)}`).join(', ');
  console.log(`\nWhole-set accuracy of the lexicon baselines (no training involved): ${baselines}`);
  if (parsed.nested) console.log(`λ chosen per fold (inner 3-fold CV on the training part): ${cv.foldL2.join(', ')}`);
  console.log(`Took ${(cv.ms / 1000).toFixed(1)} s.`);
  await printNeutralEvaluation(cv, parsed.tuneNeutral);
}
