import type { SentimentLabel } from '../lib/contract';

interface SentimentGaugeProps {
  label: SentimentLabel;
  /** -1 (most negative) .. 1 (most positive). */
  score: number;
  probability: number;
}

const RADIUS = 40;
const CENTER = { x: 50, y: 48 };

/** A point on the half circle: score -1 at the left, 0 at the top, 1 at the right. */
function pointAt(score: number, radius = RADIUS) {
  const angle = Math.PI * (1 - (Math.max(-1, Math.min(1, score)) + 1) / 2);
  return { x: CENTER.x + radius * Math.cos(angle), y: CENTER.y - radius * Math.sin(angle) };
}

function arc(from: number, to: number) {
  const start = pointAt(from);
  const end = pointAt(to);
  return `M ${start.x.toFixed(2)} ${start.y.toFixed(2)} A ${RADIUS} ${RADIUS} 0 0 1 ${end.x.toFixed(2)} ${end.y.toFixed(2)}`;
}

/** The sentiment score as a needle on a half dial from negative to positive, with the label and confidence. */
export function SentimentGauge({ label, score, probability }: SentimentGaugeProps) {
  const tip = pointAt(score, RADIUS - 6);
  return (
    <figure className={`sentiment-gauge sentiment-${label}`} data-testid="sentiment">
      <svg viewBox="0 0 100 56" role="img" aria-label={`Sentiment ${label}, score ${score.toFixed(2)} on a scale from -1 to 1`}>
        <path d={arc(-1, -0.2)} className="gauge-negative" />
        <path d={arc(-0.2, 0.2)} className="gauge-neutral" />
        <path d={arc(0.2, 1)} className="gauge-positive" />
        <line x1={CENTER.x} y1={CENTER.y} x2={tip.x} y2={tip.y} className="gauge-needle" />
        <circle cx={CENTER.x} cy={CENTER.y} r={3} className="gauge-hub" />
      </svg>
      <figcaption>
        <strong>{label}</strong>
        <span className="muted">
          score {score.toFixed(3)} · confidence {(probability * 100).toFixed(1)}%
        </span>
      </figcaption>
    </figure>
  );
}
