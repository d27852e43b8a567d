// The seed slide deck's mock prediction (slides 4 to 7): what every floor answers inline, and what ModelWire's linear
// models are trained to reproduce, so both answer the same number.

export const SEED_COEFFICIENTS = [0.5, 0.3] as const;
export const SEED_INTERCEPT = 0.2;

export const seedFormula = (feature1: number, feature2: number) => feature1 * SEED_COEFFICIENTS[0] + feature2 * SEED_COEFFICIENTS[1] + SEED_INTERCEPT;

/** The seed deck's own call: predict(feature1=1.0, feature2=2.0). */
export const SEED_FEATURES = [1, 2] as const;

/** Rows the formula fits exactly, so least squares recovers 0.5, 0.3 and 0.2. */
const SEED_TRAINING_ROWS = [
  [0, 0],
  [1, 0],
  [0, 1],
  [1, 2],
  [2, 1],
  [3, 5],
];
export const seedTrainingSet = () => ({ X: SEED_TRAINING_ROWS, y: SEED_TRAINING_ROWS.map(([a, b]) => seedFormula(a!, b!)) });

/** ModelWire computes in float32 and protobuf floats are 32-bit: answers agree to about 1e-7 relative. */
export const sameNumber = (a: number, b: number) => Math.abs(a - b) <= 1e-4 * Math.max(1, Math.abs(b));
