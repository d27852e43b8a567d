/** Evaluates the objective at x, writes its gradient into `gradient`, returns the value. */
export type Objective = (x: Float64Array, gradient: Float64Array) => number;

export interface LbfgsOptions {
  maxIterations: number;
  /** Stops when the gradient's max-norm falls below this. */
  gradientTolerance: number;
  /** How many past steps approximate the inverse Hessian. */
  memory?: number;
}

export interface LbfgsResult {
  x: Float64Array;
  value: number;
  iterations: number;
}

const dot = (a: Float64Array, b: Float64Array) => {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!;
  return sum;
};

/** y += a·x */
const axpy = (a: number, x: Float64Array, y: Float64Array) => {
  for (let i = 0; i < x.length; i++) y[i] = y[i]! + a * x[i]!;
};

const maxAbs = (a: Float64Array) => a.reduce((max, v) => Math.max(max, Math.abs(v)), 0);

/**
 * Full-batch limited-memory BFGS with a backtracking (Armijo) line search.
 * No randomness and a fixed order of floating-point operations, so the same input always gives the same bits.
 */
export function minimizeLbfgs(objective: Objective, start: Float64Array, options: LbfgsOptions): LbfgsResult {
  const n = start.length;
  const memory = options.memory ?? 10;
  const x = Float64Array.from(start);
  const gradient = new Float64Array(n);
  let value = objective(x, gradient);
  const steps: Float64Array[] = [];
  const gradientChanges: Float64Array[] = [];
  const rhos: number[] = [];
  const direction = new Float64Array(n);
  const trialX = new Float64Array(n);
  const trialGradient = new Float64Array(n);
  const alphas = new Float64Array(memory);

  let iteration = 0;
  for (; iteration < options.maxIterations && maxAbs(gradient) > options.gradientTolerance; iteration++) {
    // Two-loop recursion: direction = -H·gradient.
    for (let i = 0; i < n; i++) direction[i] = -gradient[i]!;
    for (let k = steps.length - 1; k >= 0; k--) {
      alphas[k] = rhos[k]! * dot(steps[k]!, direction);
      axpy(-alphas[k]!, gradientChanges[k]!, direction);
    }
    const last = steps.length - 1;
    const scale =
      last >= 0
        ? 1 / (rhos[last]! * dot(gradientChanges[last]!, gradientChanges[last]!))
        : 1 / Math.max(1, Math.sqrt(dot(gradient, gradient)));
    for (let i = 0; i < n; i++) direction[i] = direction[i]! * scale;
    for (let k = 0; k < steps.length; k++) {
      const beta = rhos[k]! * dot(gradientChanges[k]!, direction);
      axpy(alphas[k]! - beta, steps[k]!, direction);
    }

    let slope = dot(gradient, direction);
    if (slope >= 0) {
      // Not a descent direction (numerical trouble): restart from steepest descent.
      steps.length = gradientChanges.length = rhos.length = 0;
      for (let i = 0; i < n; i++) direction[i] = -gradient[i]!;
      slope = -dot(gradient, gradient);
    }

    let step = 1;
    let trialValue = Infinity;
    for (let tries = 0; tries < 40; tries++, step *= 0.5) {
      for (let i = 0; i < n; i++) trialX[i] = x[i]! + step * direction[i]!;
      trialValue = objective(trialX, trialGradient);
      if (trialValue <= value + 1e-4 * step * slope) break;
    }
    if (!(trialValue < value)) break; // no progress possible at float precision

    const s = new Float64Array(n);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      s[i] = trialX[i]! - x[i]!;
      y[i] = trialGradient[i]! - gradient[i]!;
    }
    const sy = dot(s, y);
    if (sy > 1e-12) {
      if (steps.length === memory) {
        steps.shift();
        gradientChanges.shift();
        rhos.shift();
      }
      steps.push(s);
      gradientChanges.push(y);
      rhos.push(1 / sy);
    }
    x.set(trialX);
    gradient.set(trialGradient);
    value = trialValue;
  }
  return { x, value, iterations: iteration };
}
