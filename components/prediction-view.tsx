import type { PredictionOutput } from '../lib/contract';

/** A prediction in the form a person reads at a glance. */
export function PredictionView({ output }: { output: PredictionOutput }) {
  switch (output.kind) {
    case 'classification':
      return (
        <ol className="labels" aria-label="Top classes">
          {output.labels.map((label) => (
            <li key={label.classIndex}>
              <span className="label-name">{label.label}</span>
              <span className="bar" style={{ width: `${Math.max(1, label.probability * 100)}%` }} />
              <span className="label-probability">{(label.probability * 100).toFixed(1)}%</span>
            </li>
          ))}
        </ol>
      );
    case 'sentiment':
      return (
        <div className={`sentiment sentiment-${output.label}`} data-testid="sentiment">
          <strong>{output.label}</strong>
          <meter min={-1} max={1} low={-0.2} high={0.2} optimum={1} value={output.score} aria-label="sentiment score" />
          <span>
            score {output.score.toFixed(3)} · p {output.probability.toFixed(3)}
          </span>
        </div>
      );
    case 'regression':
      return (
        <ol className="numbers" aria-label="Predictions">
          {output.values.map((value, i) => (
            <li key={i}>{Number(value.toPrecision(7))}</li>
          ))}
        </ol>
      );
  }
}
