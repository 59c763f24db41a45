import { TableError } from "../frame/table";
import { dropFeatures, standardizeToFloat32, type DesignMatrix } from "./design-matrix";
import { gramBlock, gramColumn, gramWith, matrixTensor } from "./gram";
import { cholesky, choleskyInverse, choleskySolve } from "./linalg";
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

/** Refinement rounds: each multiplies the float32 error by ~cond·1e-7, so two reach float64. */
const REFINEMENTS = 3;

/**
 * Ordinary least squares with an intercept. X'X and X'y come from one tf.matMul on the active
 * backend over standardised float32 columns; the p×p system is solved in float64 (Cholesky, with
 * a small ridge if near-singular, reported). Because float32 X'X is only accurate to ~1e-6, the
 * solution is then polished by iterative refinement: residuals and X'r in float64 (O(n·p), cheap)
 * solved against the same factor, which converges to the float64 OLS answer.
 */
export async function fitLinear(design: DesignMatrix): Promise<LinearFit> {
  const warnings: string[] = [];
  const dropped = [...design.constantFeatures];
  if (dropped.length) {
    warnings.push(`Dropped constant feature${dropped.length > 1 ? "s" : ""} ${dropped.map((f) => `"${f}"`).join(", ")}: no variation to learn from`);
  }
  const dm = dropped.length ? dropFeatures(design, dropped) : design;
  const { n, p, x, y } = dm;
  if (p === 0) throw new TableError("Every feature is constant over the training rows; nothing to fit");
  if (n < p + 1) throw new TableError(`Linear regression needs at least ${p + 1} complete rows for ${p} features; found ${n}`);

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
  const gram = gramBlock(products, p, 1);
  const factor = cholesky(gram, p);
  if (factor.ridge > 0) {
    warnings.push(`X'X is near-singular (features nearly collinear?): added a ridge of ${factor.ridge.toExponential(0)} to solve it; standard errors are unreliable`);
  }
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

function inference(feature: string, estimate: number, stdError: number, df: number): Coefficient {
  const t = estimate / stdError;
  return { feature, estimate, stdError, t, p: studentTTwoSided(t, df) };
}
