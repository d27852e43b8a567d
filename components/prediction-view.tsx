import type { PredictionOutput } from '../lib/contract';
import { SentimentGauge } from './sentiment-gauge';

interface PredictionViewProps {
  output: PredictionOutput;
  /** The classified image, shown beside its labels. */
  imageUrl?: string;
}

/** A prediction in the form a person reads at a glance: labels with bars, a gauge, or the numbers. */
export function PredictionView({ output, imageUrl }: PredictionViewProps) {
  switch (output.kind) {
    case 'classification':
      return (
        <div className="classification">
          {imageUrl ? <img className="thumbnail" src={imageUrl} alt="The image that was classified" /> : null}
          <ol className="labels" aria-label="Top classes">
            {output.labels.map((label) => (
              <li key={label.classIndex}>
                <span className="label-name">{label.label}</span>
                <span className="label-probability">{(label.probability * 100).toFixed(1)}%</span>
                <span className="bar-track" aria-hidden="true">
                  <span className="bar" style={{ width: `${Math.max(0.5, label.probability * 100)}%` }} />
                </span>
              </li>
            ))}
          </ol>
        </div>
      );
    case 'sentiment':
      return <SentimentGauge label={output.label} score={output.score} probability={output.probability} />;
    case 'regression':
      if (output.values.length === 1) return <output className="number">{Number(output.values[0]!.toPrecision(7))}</output>;
      return (
        <ol className="numbers" aria-label="Predicted values">
          {output.values.map((value, i) => (
            <li key={i}>
              <output>{Number(value.toPrecision(7))}</output>
            </li>
          ))}
        </ol>
      );
  }
}
