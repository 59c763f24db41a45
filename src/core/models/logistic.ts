import { TableError } from "../frame/table";
import { throwIfCancelled, type CancelSignal } from "../cells/types";
import { dropFeatures, standardizeToFloat32, type DesignMatrix } from "./design-matrix";
import { matrixTensor, transposed, weightedGram } from "./gram";
import { cholesky, choleskySolve } from "./linalg";
import type { IterationInfo, LinearPredictorFit } from "./types";

/** Options of a logistic regression fit (names and defaults as scikit-learn's LogisticRegression). */
export interface LogisticOptions {
  /** Inverse L2 strength: minimises C·Σ logloss + ½‖β‖² (intercept unpenalised). Default 1. */
  readonly C?: number;
  /** Newton iterations at most. Default 100. */
  readonly maxIter?: number;
  /** Stop when no standardised coefficient moves more than this in a step. Default 1e-8. */
  readonly tol?: number;
  /** Checked between iterations; an aborted signal throws CancelledError. */
  readonly signal?: CancelSignal;
  /** Called after every iteration (for progress bars). */
  readonly onIteration?: (info: IterationInfo) => void;
}

/** A binary logistic regression fit: P(y = 1) = σ(intercept + Σ βⱼ xⱼ). */
export interface LogisticFit extends LinearPredictorFit {
  readonly algorithm: "logistic";
  readonly C: number;
  readonly n: number;
  readonly iterations: number;
  readonly converged: boolean;
  /** Final penalised negative log-likelihood per row. */
  readonly loss: number;
  /** Features dropped because they were constant (their coefficient would be exactly 0). */
  readonly droppedFeatures: readonly string[];
}

/**
 * L2-penalised binary logistic regression by Newton's method (IRLS). Each iteration the Hessian
 * Xᵀ W X — the O(n·p²) part — is one tf.matMul on the active backend; the p×p Newton system is
 * solved in float64. The gradient and log-likelihood are O(n·p) and computed in float64 JS: that
 * fixes where the iteration stops at the true optimum (a float32 gradient summed over 45k rows
 * would bias it), while the float32 Hessian only shapes the steps. Columns are standardised for
 * conditioning and the penalty is rescaled to match, so the answer is scikit-learn's on the raw
 * features.
 */
export async function fitLogistic(design: DesignMatrix, options: LogisticOptions = {}): Promise<LogisticFit> {
  const { C = 1, maxIter = 100, tol = 1e-8, signal, onIteration } = options;
  if (!(C > 0)) throw new TableError("C must be positive");
  const warnings: string[] = [];
  const dropped = [...design.constantFeatures];
  if (dropped.length) {
    warnings.push(`Dropped constant feature${dropped.length > 1 ? "s" : ""} ${dropped.map((f) => `"${f}"`).join(", ")}: no variation to learn from`);
  }
  const dm = dropped.length ? dropFeatures(design, dropped) : design;
  const { n, p, x, y } = dm;
  if (n < p + 1) throw new TableError(`Logistic regression needs at least ${p + 1} complete rows for ${p} features; found ${n}`);
  let positives = 0;
  for (let i = 0; i < n; i++) {
    if (y[i] !== 0 && y[i] !== 1) throw new TableError(`Logistic regression needs a 0/1 target; found ${y[i]}`);
    positives += y[i];
  }
  if (positives === 0 || positives === n) throw new TableError(`The target has a single class (${positives ? 1 : 0}) in the training rows`);

  const { x32, means, scales } = standardizeToFloat32(dm, true);
  const width = p + 1;
  // Penalty ½‖β‖²/C with βⱼ = zⱼ/sⱼ is ½ Σ zⱼ²/(C sⱼ²) on the standardised scale.
  const penalty = Float64Array.from({ length: width }, (_, j) => (j < p ? 1 / (C * scales[j] * scales[j]) : 0));
  const theta = new Float64Array(width);
  theta[p] = Math.log(positives / (n - positives));
  const xs = new Float64Array(n * p);
  for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) xs[i * p + j] = (x[i * p + j] - means[j]) / scales[j];

  // The objective at a point, and in the same pass over the rows what the Newton step from that
  // point needs: the unpenalised gradient and the Hessian weights p(1 − p). The line search's last
  // evaluation is the accepted point, so they are ready for the next iteration. exp(−|η|) serves
  // both log(1 + e^η) and σ(η), with the same values as computing each on its own.
  let w = new Float32Array(n);
  const grad = new Float64Array(width);
  const objective = (th: Float64Array): number => {
    let loss = 0;
    w = new Float32Array(n);
    grad.fill(0);
    for (let i = 0, o = 0; i < n; i++, o += p) {
      let e = th[p];
      for (let j = 0; j < p; j++) e += xs[o + j] * th[j];
      const ex = Math.exp(-Math.abs(e));
      loss += (e > 0 ? e + Math.log1p(ex) : Math.log1p(ex)) - y[i] * e;
      const prob = e >= 0 ? 1 / (1 + ex) : ex / (1 + ex);
      w[i] = prob * (1 - prob);
      const r = prob - y[i];
      for (let j = 0; j < p; j++) grad[j] += xs[o + j] * r;
      grad[p] += r;
    }
    for (let j = 0; j < p; j++) loss += 0.5 * penalty[j] * th[j] * th[j];
    return loss;
  };

  const xt = matrixTensor(x32, n, width);
  const xtT = transposed(xt); // kept for every iteration's Hessian (see gram.ts)
  let loss = objective(theta);
  let iterations = 0;
  let converged = false;
  try {
    while (iterations < maxIter && !converged) {
      throwIfCancelled(signal ?? { aborted: false });
      for (let j = 0; j < width; j++) grad[j] += penalty[j] * theta[j];
      const hessian = await weightedGram(xt, w, xtT);
      for (let j = 0; j < width; j++) hessian[j * width + j] += penalty[j];
      const factor = cholesky(hessian, width);
      const delta = choleskySolve(factor, grad);
      // Newton steps can overshoot far from the optimum (near-separable data): halve until the
      // objective does not increase.
      let scale = 1;
      let candidate = theta.map((t, j) => t - delta[j]);
      let next = objective(candidate);
      while (next > loss + 1e-12 * Math.abs(loss) && scale > 1e-6) {
        scale /= 2;
        candidate = theta.map((t, j) => t - scale * delta[j]);
        next = objective(candidate);
      }
      let step = 0;
      for (let j = 0; j < width; j++) step = Math.max(step, Math.abs(candidate[j] - theta[j]));
      theta.set(candidate);
      loss = next;
      iterations++;
      converged = step <= tol;
      onIteration?.({ iteration: iterations, maxIter, loss: loss / n, step });
    }
  } finally {
    xt.dispose();
    xtT.dispose();
  }
  if (!converged) warnings.push(`Did not converge in ${maxIter} iterations; raise maxIter or scale the features`);

  const coefficients = dm.features.map((feature, j) => ({ feature, estimate: theta[j] / scales[j] }));
  let intercept = theta[p];
  for (let j = 0; j < p; j++) intercept -= means[j] * coefficients[j].estimate;
  return {
    algorithm: "logistic", features: dm.features, intercept: { feature: "(intercept)", estimate: intercept },
    coefficients, warnings, C, n, iterations, converged, loss: loss / n, droppedFeatures: dropped,
  };
}
