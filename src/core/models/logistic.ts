import { TableError } from "../frame/table";
import { throwIfCancelled, type CancelSignal } from "../cells/types";
import { dropFeatures, standardizeToFloat32, type DesignMatrix } from "./design-matrix";
import { matrixTensor, productEngine, transposed, weightedGram, type ProductEngine } from "./gram";
import { blockGram, centredBlockDot, columnMeans, GRAM_BLOCK, symmetricFromUpper } from "./gram-js";
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
  /** Where the Hessians are formed; default by backend (productEngine in gram.ts). */
  readonly engine?: ProductEngine;
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
 * L2-penalised binary logistic regression by Newton's method (IRLS), in standardised coordinates
 * (the penalty is rescaled to match, so the answer is scikit-learn's on the raw features). Each
 * iteration needs the Hessian Xᵀ W X, the O(n·p²) part; productEngine picks where it is formed: in
 * float64 JS in the same pass over the rows as the objective and gradient (wasm, cpu), or by one
 * tf.matMul in float32 on the GPU backends. The gradient and log-likelihood are always float64:
 * they fix where the iteration stops at the true optimum (a float32 gradient summed over 45k rows
 * would bias it), while a float32 Hessian only shapes the steps. The p×p Newton system is solved in
 * float64.
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
  const { n, p, y } = dm;
  if (n < p + 1) throw new TableError(`Logistic regression needs at least ${p + 1} complete rows for ${p} features; found ${n}`);
  let positives = 0;
  for (let i = 0; i < n; i++) {
    if (y[i] !== 0 && y[i] !== 1) throw new TableError(`Logistic regression needs a 0/1 target; found ${y[i]}`);
    positives += y[i];
  }
  if (positives === 0 || positives === n) throw new TableError(`The target has a single class (${positives ? 1 : 0}) in the training rows`);

  const problem = productEngine(options.engine) === "js" ? jsProblem(dm) : tfProblem(dm);
  const { means, scales, grad } = problem;
  const width = p + 1;
  const theta = new Float64Array(width);
  theta[p] = Math.log(positives / (n - positives));
  // The start has no penalty (every z is 0); the JS problem knows the scales only after it.
  let loss = problem.evaluate(theta, true);
  // Penalty ½‖β‖²/C with βⱼ = zⱼ/sⱼ is ½ Σ zⱼ²/(C sⱼ²) on the standardised scale.
  const penalty = Float64Array.from({ length: width }, (_, j) => (j < p ? 1 / (C * scales[j] * scales[j]) : 0));
  const objective = (th: Float64Array, withHessian: boolean): number => {
    let loss = problem.evaluate(th, withHessian);
    for (let j = 0; j < p; j++) loss += 0.5 * penalty[j] * th[j] * th[j];
    return loss;
  };
  let iterations = 0;
  let converged = false;
  try {
    while (iterations < maxIter && !converged) {
      throwIfCancelled(signal ?? { aborted: false });
      for (let j = 0; j < width; j++) grad[j] += penalty[j] * theta[j];
      const hessian = await problem.hessian(theta);
      for (let j = 0; j < width; j++) hessian[j * width + j] += penalty[j];
      const factor = cholesky(hessian, width);
      const delta = choleskySolve(factor, grad);
      let fullStep = 0;
      for (let j = 0; j < width; j++) fullStep = Math.max(fullStep, Math.abs(delta[j]));
      if (fullStep <= tol) {
        // The last step: the iteration stops after it whatever the objective there, and a step this
        // small changes the objective by about δᵀHδ (below 1e-15 of it), far inside the line
        // search's 1e-12 tolerance, so it is taken without another pass over the rows.
        for (let j = 0; j < width; j++) theta[j] -= delta[j];
        iterations++;
        converged = true;
        onIteration?.({ iteration: iterations, maxIter, loss: loss / n, step: fullStep });
        break;
      }
      // Newton steps can overshoot far from the optimum (near-separable data): halve until the
      // objective does not increase. A point the iteration would stop at needs no Hessian.
      let scale = 1;
      let candidate = theta.map((t, j) => t - delta[j]);
      let next = objective(candidate, true);
      while (next > loss + 1e-12 * Math.abs(loss) && scale > 1e-6) {
        scale /= 2;
        candidate = theta.map((t, j) => t - scale * delta[j]);
        next = objective(candidate, scale * fullStep > tol);
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
    problem.dispose();
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

/**
 * The unpenalised objective on standardised columns z = (x − m)/s plus an intercept θₚ, as the
 * Newton loop needs it. `evaluate` returns Σ log loss at θ and leaves the gradient at θ in `grad`;
 * `hessian(θ)` gives Xᵀ W X (standardised, (p + 1)², to be modified by the caller) at θ.
 */
interface LogisticProblem {
  readonly means: Float64Array;
  /** Population standard deviations; filled by the first evaluation at the latest (at the start, z = 0). */
  readonly scales: Float64Array;
  readonly grad: Float64Array;
  /** `withHessian`: the Hessian at θ will probably be asked for next (the JS path forms it in the same pass). */
  evaluate(theta: Float64Array, withHessian: boolean): number;
  hessian(theta: Float64Array): Promise<Float64Array>;
  dispose(): void;
}

/**
 * Float64 JS: centred rows a block at a time; each evaluation is one pass that forms η, the loss,
 * the gradient and, when asked, the block's √w-scaled rows for blockGram (Xᵀ W X as (√w X)ᵀ(√w X)).
 * Works on x − m with β = z/s and rescales the p×p results, so nothing n-sized is copied.
 */
function jsProblem(dm: DesignMatrix): LogisticProblem {
  const { n, p, x, y } = dm;
  const width = p + 1;
  const means = columnMeans(x, n, p);
  // The scales come from the first evaluation, at the start, where every row has the same weight
  // w₀: there the Hessian's diagonal is w₀ Σ (x − m)² and its intercept entry n·w₀, so their ratio
  // is the population variance, without a pass of its own.
  const scales = new Float64Array(p);
  let scaled = false;
  const grad = new Float64Array(width);
  const raw = new Float64Array(width * width);
  const beta = new Float64Array(p);
  const B = GRAM_BLOCK;
  const t = new Float64Array(width * B);
  const r = new Float64Array(B);
  const sw = new Float64Array(B);
  let hessianAt: Float64Array | undefined;
  const evaluate = (theta: Float64Array, withHessian: boolean): number => {
    if (!scaled && (!withHessian || theta.some((v, j) => j < p && v !== 0))) throw new Error("fitLogistic: the first evaluation must be at z = 0 with its Hessian");
    for (let j = 0; j < p; j++) beta[j] = scaled ? theta[j] / scales[j] : 0;
    grad.fill(0);
    if (withHessian) raw.fill(0);
    let loss = 0;
    for (let start = 0; start < n; start += B) {
      const m = Math.min(B, n - start);
      centredBlockDot(x, p, means, start, m, t, B, beta, theta[p], r);
      loss += logisticBlock(t, B, m, p, y, start, r, sw, grad);
      if (withHessian) {
        scaleBlock(t, B, m, p, sw);
        blockGram(t, B, m, width, raw);
      }
    }
    if (!scaled) {
      for (let j = 0; j < p; j++) scales[j] = raw[j * width + j] > 0 ? Math.sqrt(raw[j * width + j] / raw[p * width + p]) : 1;
      scaled = true;
    }
    for (let j = 0; j < p; j++) grad[j] /= scales[j];
    hessianAt = withHessian ? Float64Array.from(theta) : undefined;
    return loss;
  };
  return {
    means, scales, grad, evaluate,
    async hessian(theta) {
      if (!hessianAt || hessianAt.some((v, j) => v !== theta[j])) {
        const kept = Float64Array.from(grad);
        evaluate(theta, true);
        grad.set(kept);
      }
      symmetricFromUpper(raw, width);
      const h = new Float64Array(width * width);
      const s = (j: number) => (j < p ? scales[j] : 1);
      for (let j = 0; j < width; j++) for (let k = 0; k < width; k++) h[j * width + k] = raw[j * width + k] / (s(j) * s(k));
      return h;
    },
    dispose() {},
  };
}

/**
 * One block of rows (centred, column-major in t, with η per row in r): the summed log loss
 * (returned), the residuals σ(η) − y added into the gradient (raw scale), and √(σ(1 − σ)) per row in
 * sw. One exp per row serves them all: with h = e^(−|η|/2) and d = 1 + h², log(1 + e^η) is
 * max(η, 0) + log d, σ is 1/d or h²/d, and σ(1 − σ) = h²/d², so √w = h/d. The block's log d terms
 * are summed as the log of their product (each d is in (1, 2], so 128 of them cannot overflow): one
 * log per block instead of one per row.
 */
function logisticBlock(
  t: Float64Array, B: number, m: number, p: number, y: Float64Array, start: number, r: Float64Array, sw: Float64Array, grad: Float64Array,
): number {
  let loss = 0;
  let product = 1;
  let sum = 0;
  for (let i = 0; i < m; i++) {
    const e = r[i];
    const yi = y[start + i];
    const h = Math.exp(-0.5 * Math.abs(e));
    const ex = h * h;
    const d = 1 + ex;
    product *= d;
    loss += (e > 0 ? e : 0) - yi * e;
    const prob = (e >= 0 ? 1 : ex) / d;
    sw[i] = h / d;
    r[i] = prob - yi;
    sum += r[i];
  }
  grad[p] += sum;
  for (let j = 0; j < p; j++) {
    let s = 0;
    for (let i = 0, a = j * B; i < m; i++) s += t[a + i] * r[i];
    grad[j] += s;
  }
  return loss + Math.log(product);
}

/** Rows of the block times √w, and the intercept column set to √w. */
function scaleBlock(t: Float64Array, B: number, m: number, p: number, sw: Float64Array): void {
  for (let j = 0; j < p; j++) for (let i = 0, a = j * B; i < m; i++) t[a + i] *= sw[i];
  for (let i = 0, a = p * B; i < m; i++) t[a + i] = sw[i];
}

/**
 * TF.js: a standardised float64 copy for the objective passes and a float32 one on the backend
 * (kept with its transpose across iterations, see gram.ts) for the Hessians. The Hessian weights
 * come from the last evaluation, which is the accepted line-search point.
 */
function tfProblem(dm: DesignMatrix): LogisticProblem {
  const { n, p, x, y } = dm;
  const width = p + 1;
  const { x32, means, scales } = standardizeToFloat32(dm, true);
  const xs = new Float64Array(n * p);
  for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) xs[i * p + j] = (x[i * p + j] - means[j]) / scales[j];
  const grad = new Float64Array(width);
  let w = new Float32Array(n);
  const evaluate = (th: Float64Array): number => {
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
    return loss;
  };
  const xt = matrixTensor(x32, n, width);
  const xtT = transposed(xt); // kept for every iteration's Hessian (see gram.ts)
  return {
    means, scales, grad, evaluate,
    hessian: () => weightedGram(xt, w, xtT),
    dispose() {
      xt.dispose();
      xtT.dispose();
    },
  };
}
