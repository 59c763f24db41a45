import { TableError } from "../frame/table";
import { dropFeatures, standardizeToFloat32, type DesignMatrix } from "./design-matrix";
import { gramBlock, gramColumn, gramWith, matrixTensor, productEngine, type ProductEngine } from "./gram";
import { centredBlockDot, centredGram, columnMeans, GRAM_BLOCK } from "./gram-js";
import { cholesky, choleskyInverse, choleskySolve, type CholeskyFactor } from "./linalg";
import { studentTTwoSided } from "./student-t";
import type { Coefficient, LinearPredictorFit } from "./types";

/** An ordinary least squares fit with its classical inference. */
export interface LinearFit extends LinearPredictorFit {
  readonly algorithm: "linear";
  /** Rows used. */
  readonly n: number;
  /** Residual degrees of freedom n − p − 1. */
  readonly dfResidual: number;
  readonly rSquared: number;
  readonly adjustedRSquared: number;
  /** Residual standard error √(RSS / df). */
  readonly sigma: number;
  readonly rss: number;
  /** Relative ridge added to a near-singular X'X (0 when none was needed). */
  readonly ridge: number;
  /** Features dropped because they were constant. */
  readonly droppedFeatures: readonly string[];
}

/** Refinement rounds of the TF.js path: each multiplies the float32 error by ~cond·1e-7, so two reach float64. */
const REFINEMENTS = 3;

/** Options of an OLS fit. */
export interface LinearOptions {
  /** Where X'X is formed; default by backend (productEngine in gram.ts). */
  readonly engine?: ProductEngine;
}

/**
 * Ordinary least squares with an intercept, on standardised columns: X̃ᵀX̃ and X̃ᵀỹ, solved in
 * float64 (Cholesky, with a small ridge if near-singular, reported). Where X'X is formed depends on
 * the backend (productEngine): in float64 JS in one pass over the rows (wasm, cpu), or by one
 * tf.matMul over float32 columns (WebGPU/WebGL). Either way the solution is polished by iterative
 * refinement (residuals and X'r in float64 from the exact input, solved against the same factor),
 * which converges to the float64 OLS answer.
 */
export async function fitLinear(design: DesignMatrix, options: LinearOptions = {}): Promise<LinearFit> {
  const warnings: string[] = [];
  const dropped = [...design.constantFeatures];
  if (dropped.length) {
    warnings.push(`Dropped constant feature${dropped.length > 1 ? "s" : ""} ${dropped.map((f) => `"${f}"`).join(", ")}: no variation to learn from`);
  }
  const dm = dropped.length ? dropFeatures(design, dropped) : design;
  const { n, p } = dm;
  if (p === 0) throw new TableError("Every feature is constant over the training rows; nothing to fit");
  if (n < p + 1) throw new TableError(`Linear regression needs at least ${p + 1} complete rows for ${p} features; found ${n}`);

  const { z, means, scales, yMean, factor, rss, tss } = productEngine(options.engine) === "js" ? solveJs(dm) : await solveTf(dm);
  if (factor.ridge > 0) {
    warnings.push(`X'X is near-singular (features nearly collinear?): added a ridge of ${factor.ridge.toExponential(0)} to solve it; standard errors are unreliable`);
  }
  const df = n - p - 1;
  const sigma2 = df > 0 ? rss / df : NaN;
  const inv = choleskyInverse(factor);
  const coefficients: Coefficient[] = dm.features.map((feature, j) => {
    const estimate = z[j] / scales[j];
    const stdError = Math.sqrt(sigma2 * inv[j * p + j]) / scales[j];
    return inference(feature, estimate, stdError, df);
  });
  // intercept = ȳ − Σ mⱼβⱼ; Var = σ²(1/n + m̃ᵀ (X̃ᵀX̃)⁻¹ m̃) with m̃ⱼ = mⱼ/sⱼ (ȳ is independent of z).
  let intercept = yMean;
  let quad = 0;
  for (let j = 0; j < p; j++) {
    intercept -= means[j] * coefficients[j].estimate;
    for (let k = 0; k < p; k++) quad += (means[j] / scales[j]) * inv[j * p + k] * (means[k] / scales[k]);
  }
  const rSquared = tss > 0 ? 1 - rss / tss : NaN;
  return {
    algorithm: "linear",
    features: dm.features,
    intercept: inference("(intercept)", intercept, Math.sqrt(sigma2 * (1 / n + quad)), df),
    coefficients,
    warnings,
    n,
    dfResidual: df,
    rSquared,
    adjustedRSquared: df > 0 ? 1 - ((1 - rSquared) * (n - 1)) / df : NaN,
    sigma: Math.sqrt(sigma2),
    rss,
    ridge: factor.ridge,
    droppedFeatures: dropped,
  };
}

/** What both paths hand the inference: the standardised solution z (βⱼ = zⱼ/sⱼ) and its sums. */
interface Solved {
  readonly z: Float64Array;
  readonly means: Float64Array;
  readonly scales: Float64Array;
  readonly yMean: number;
  /** Factor of the standardised X̃ᵀX̃ (its inverse gives the standard errors). */
  readonly factor: CholeskyFactor;
  readonly rss: number;
  readonly tss: number;
}

/**
 * Float64 JS: the column means (one pass), then [X − m | y − ȳ]ᵀ[X − m | y − ȳ] (one pass: X'X,
 * X'y and the total sum of squares at once), standardised, solved; then one pass for the residuals,
 * their sum of squares and X'r, and one refinement step against the same factor. RSS after the step
 * is RSS − δᵀX̃ᵀr (the exact least-squares update), so no further pass is needed.
 */
function solveJs(dm: DesignMatrix): Solved {
  const { n, p, x, y } = dm;
  const means = columnMeans(x, n, p);
  const yMean = columnMeans(y, n, 1)[0];
  const width = p + 1;
  const g = centredGram(x, n, p, means, { values: y, centre: yMean });
  const scales = new Float64Array(p);
  for (let j = 0; j < p; j++) scales[j] = g[j * width + j] > 0 ? Math.sqrt(g[j * width + j] / n) : 1;
  const gram = new Float64Array(p * p);
  const rhs = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    for (let k = 0; k < p; k++) gram[j * p + k] = g[j * width + k] / (scales[j] * scales[k]);
    rhs[j] = g[j * width + p] / scales[j];
  }
  const tss = g[p * width + p];
  const factor = cholesky(gram, p);
  const z = choleskySolve(factor, rhs);
  const beta = Float64Array.from(z, (v, j) => v / scales[j]);
  const { rss, cross } = residualPass(dm, means, yMean, beta);
  for (let j = 0; j < p; j++) cross[j] /= scales[j];
  const delta = choleskySolve(factor, cross);
  let drop = 0;
  for (let j = 0; j < p; j++) {
    z[j] += delta[j];
    drop += delta[j] * cross[j];
  }
  return { z, means, scales, yMean, factor, rss: Math.max(0, rss - drop), tss };
}

/** Σ rᵢ² and X̃ᵀr for r = (y − ȳ) − (X − m)β, a block of rows at a time (column sweeps in cache). */
function residualPass(dm: DesignMatrix, means: Float64Array, yMean: number, beta: Float64Array): { rss: number; cross: Float64Array } {
  const { n, p, x, y } = dm;
  const B = GRAM_BLOCK;
  const t = new Float64Array(p * B);
  const r = new Float64Array(B);
  const cross = new Float64Array(p);
  let rss = 0;
  for (let start = 0; start < n; start += B) {
    const m = Math.min(B, n - start);
    centredBlockDot(x, p, means, start, m, t, B, beta, 0, r);
    rss += blockResiduals(t, B, m, p, y, start, yMean, r, cross);
  }
  return { rss, cross };
}

/** One block's residuals (r holds the fitted centred values on entry), their X̃ᵀr added to cross; returns their sum of squares. */
function blockResiduals(
  t: Float64Array, B: number, m: number, p: number, y: Float64Array, start: number, yMean: number, r: Float64Array, cross: Float64Array,
): number {
  let rss = 0;
  for (let i = 0; i < m; i++) {
    r[i] = y[start + i] - yMean - r[i];
    rss += r[i] * r[i];
  }
  for (let j = 0; j < p; j++) {
    let s = 0;
    for (let i = 0, a = j * B; i < m; i++) s += t[a + i] * r[i];
    cross[j] += s;
  }
  return rss;
}

/**
 * TF.js: X̃ᵀX̃ and X̃ᵀỹ from one tf.matMul over standardised float32 columns on the active backend.
 * Float32 X'X is only accurate to ~1e-6, so the solution is refined REFINEMENTS times (residuals and
 * X̃ᵀr in float64, O(n·p) each).
 */
async function solveTf(dm: DesignMatrix): Promise<Solved> {
  const { n, p, x, y } = dm;
  const { x32, means, scales } = standardizeToFloat32(dm, false);
  let yMean = 0;
  for (let i = 0; i < n; i++) yMean += y[i] / n;
  const yc32 = Float32Array.from(y, (v) => v - yMean);
  const xt = matrixTensor(x32, n, p);
  let products: Float64Array;
  try {
    products = await gramWith(xt, [yc32]);
  } finally {
    xt.dispose();
  }
  const factor = cholesky(gramBlock(products, p, 1), p);
  // z: coefficients on the standardised scale.
  const z = choleskySolve(factor, gramColumn(products, p, 1, 0));
  const resid = new Float64Array(n);
  const row = new Float64Array(p);
  // One pass over the rows: the residuals at z and, when asked, X̃ᵀr (standardised columns). Each
  // sum is taken in the same order as a residual pass followed by a separate X̃ᵀr pass would take it.
  const residuals = (g?: Float64Array) => {
    for (let i = 0, o = 0; i < n; i++, o += p) {
      let fit = 0;
      for (let j = 0; j < p; j++) {
        const v = (x[o + j] - means[j]) / scales[j];
        row[j] = v;
        fit += v * z[j];
      }
      const r = y[i] - yMean - fit;
      resid[i] = r;
      if (g) for (let j = 0; j < p; j++) g[j] += row[j] * r;
    }
  };
  for (let round = 0; round < REFINEMENTS; round++) {
    const g = new Float64Array(p);
    residuals(g);
    const delta = choleskySolve(factor, g);
    for (let j = 0; j < p; j++) z[j] += delta[j];
  }
  residuals();
  let rss = 0;
  let tss = 0;
  for (let i = 0; i < n; i++) {
    rss += resid[i] * resid[i];
    tss += (y[i] - yMean) ** 2;
  }
  return { z, means, scales, yMean, factor, rss, tss };
}

function inference(feature: string, estimate: number, stdError: number, df: number): Coefficient {
  const t = estimate / stdError;
  return { feature, estimate, stdError, t, p: studentTTwoSided(t, df) };
}
