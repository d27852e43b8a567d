import type { SentimentLabel } from '../lib/contract';
import { SENTIMENT_NEUTRAL_BAND } from '../lib/featurize/sentiment-label';
import styles from './stream.module.css';

interface StreamGaugeProps {
  label: SentimentLabel;
  /** -1 (most negative) .. 1 (most positive). */
  score: number;
  probability: number;
}

/** Where a score sits on the track, as a percentage from the left (-1) to the right (1). */
const percentOf = (score: number) => ((Math.max(-1, Math.min(1, score)) + 1) / 2) * 100;

/** The live sentiment: the label in words, the score as a marker on a track from negative to positive, the probability. */
export function StreamGauge({ label, score, probability }: StreamGaugeProps) {
  const band = { left: `${percentOf(-SENTIMENT_NEUTRAL_BAND)}%`, width: `${percentOf(SENTIMENT_NEUTRAL_BAND) - percentOf(-SENTIMENT_NEUTRAL_BAND)}%` };
  return (
    <div className={styles.gauge}>
      <p className={styles.reading}>
        <strong className={styles[label]} data-testid="stream-label">
          {label}
        </strong>
        <span className="muted small">
          score {score.toFixed(3)} · probability {(probability * 100).toFixed(1)}%
        </span>
      </p>
      <div
        className={styles.track}
        role="meter"
        aria-valuemin={-1}
        aria-valuemax={1}
        aria-valuenow={Number(score.toFixed(3))}
        aria-valuetext={`${label}, score ${score.toFixed(2)} from -1 (negative) to 1 (positive)`}
        aria-label="Sentiment score"
      >
        <span className={styles.neutralBand} style={band} />
        <span className={styles.marker} style={{ left: `${percentOf(score)}%` }} />
      </div>
      <div className={`${styles.scale} muted`} aria-hidden="true">
        <span>−1</span>
        <span>0</span>
        <span>+1</span>
      </div>
    </div>
  );
}
