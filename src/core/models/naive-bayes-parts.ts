/** The two naive Bayes likelihoods (Gaussian, categorical) fitted on a design matrix. */
import { TableError } from "../frame/table";
import type { JsonObject } from "../json";
import type { DesignMatrix } from "./design-matrix";
import type { SavedParameters } from "./algorithm";
import { SavedModelError, savedArray, savedFiniteArray, savedNumber } from "./saved-parameters";

/** log P(class) + Σ_j log P(x_j | class) for one complete row. */
export type LogJoint = (row: Float64Array, cls: 0 | 1) => number;

/** A fitted class-conditional model. */
export interface ClassLogLikelihood {
  readonly logJoint: LogJoint;
  /** What restoreLikelihood rebuilds logJoint from. */
  readonly saved: SavedParameters;
  readonly priors: readonly [number, number];
  /** Four per-feature columns for the "parameters" extra, and their names. */
  readonly columns: readonly [string, string, string, string];
  readonly perFeature: readonly [Float64Array, Float64Array, Float64Array, Float64Array];
  readonly details: JsonObject;
  readonly warnings: string[];
}

function classCounts(y: Float64Array): [number, number] {
  let ones = 0;
  for (const v of y) ones += v;
  return [y.length - ones, ones];
}

/**
 * Gaussian NB as scikit-learn: per-class means and population variances, each variance plus
 * ε = varSmoothing × the largest feature variance over all training rows (keeps a feature
 * that is constant within a class from giving infinite likelihoods).
 */
export function fitGaussian(dm: DesignMatrix, varSmoothing: number): ClassLogLikelihood {
  const { n, p, x, y } = dm;
  const counts = classCounts(y);
  const mean = [new Float64Array(p), new Float64Array(p)];
  const vari = [new Float64Array(p), new Float64Array(p)];
  let maxVar = 0;
  for (let j = 0; j < p; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += x[i * p + j];
    const m = s / n;
    let ss = 0;
    for (let i = 0; i < n; i++) ss += (x[i * p + j] - m) ** 2;
    maxVar = Math.max(maxVar, ss / n);
    for (const c of [0, 1] as const) {
      let sc = 0;
      for (let i = 0; i < n; i++) if (y[i] === c) sc += x[i * p + j];
      const mc = sc / counts[c];
      let ssc = 0;
      for (let i = 0; i < n; i++) if (y[i] === c) ssc += (x[i * p + j] - mc) ** 2;
      mean[c][j] = mc;
      vari[c][j] = ssc / counts[c];
    }
  }
  const epsilon = varSmoothing * maxVar;
  for (const c of [0, 1]) for (let j = 0; j < p; j++) vari[c][j] += epsilon;
  const priors: [number, number] = [counts[0] / n, counts[1] / n];
  return {
    logJoint: gaussianLogJoint(priors, mean, vari),
    saved: {
      state: { variant: "gaussian", prior0: priors[0], prior1: priors[1] },
      arrays: { mean0: mean[0], var0: vari[0], mean1: mean[1], var1: vari[1] },
    },
    priors,
    columns: ["mean_0", "var_0", "mean_1", "var_1"],
    perFeature: [mean[0], vari[0], mean[1], vari[1]],
    details: { epsilon },
    warnings: [],
  };
}

/**
 * Categorical NB as scikit-learn's CategoricalNB: feature j takes codes 0..K_j−1 with
 * K_j = 1 + its largest training code, and P(x_j = k | c) = (N_cjk + α) / (N_c + α·K_j).
 * A code never seen in training gets the smoothed zero count α / (N_c + α·K_j), where
 * scikit-learn would raise.
 */
export function fitCategorical(dm: DesignMatrix, alpha: number): ClassLogLikelihood {
  const { n, p, x, y } = dm;
  const counts = classCounts(y);
  const K = new Int32Array(p);
  for (let i = 0; i < n * p; i++) {
    const v = x[i];
    if (!Number.isInteger(v) || v < 0) {
      throw new TableError(`Categorical naive Bayes needs integer codes 0, 1, 2, …; feature "${dm.features[i % p]}" has ${v}. Use the Gaussian variant for measurements`);
    }
    K[i % p] = Math.max(K[i % p], v + 1);
  }
  const tables = [0, 1].map(() => Array.from({ length: p }, (_, j) => new Float64Array(K[j])));
  for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) tables[y[i]][j][x[i * p + j]]++;
  const logP = [0, 1].map((c) => tables[c].map((t, j) => t.map((cnt) => Math.log((cnt + alpha) / (counts[c] + alpha * K[j])))));
  const unseen = [0, 1].map((c) => Array.from({ length: p }, (_, j) => Math.log(alpha / (counts[c] + alpha * K[j]))));
  const priors: [number, number] = [counts[0] / n, counts[1] / n];
  const flat = [0, 1].map((c) => {
    const out = new Float64Array(K.reduce((s, k) => s + k, 0));
    let o = 0;
    for (let j = 0; j < p; j++) { out.set(logP[c][j], o); o += K[j]; }
    return out;
  });
  const unseenArrays = unseen.map((u) => Float64Array.from(u));
  return {
    logJoint: categoricalLogJoint(priors, K, flat, unseenArrays),
    saved: {
      state: { variant: "categorical", prior0: priors[0], prior1: priors[1] },
      arrays: { categories: K, logP0: flat[0], logP1: flat[1], unseen0: unseenArrays[0], unseen1: unseenArrays[1] },
    },
    priors,
    columns: ["categories", "categories_seen", "mode_0", "mode_1"],
    perFeature: [
      Float64Array.from(K),
      Float64Array.from({ length: p }, (_, j) => tables[0][j].reduce((s, v, k) => s + (v + tables[1][j][k] > 0 ? 1 : 0), 0)),
      Float64Array.from(tables[0], (t) => t.indexOf(Math.max(...t))),
      Float64Array.from(tables[1], (t) => t.indexOf(Math.max(...t))),
    ],
    details: { alpha, categories: Array.from(K) },
    warnings: [],
  };
}

/** Gaussian log-likelihoods from the class priors, means and (smoothed) variances. */
function gaussianLogJoint(priors: readonly number[], mean: readonly Float64Array[], vari: readonly Float64Array[]): LogJoint {
  const p = mean[0].length;
  // The constant part of each class's log-likelihood, computed once.
  const base = [0, 1].map((c) => {
    let b = Math.log(priors[c]);
    for (let j = 0; j < p; j++) b -= 0.5 * Math.log(2 * Math.PI * vari[c][j]);
    return b;
  });
  return (row, c) => {
    let l = base[c];
    const m = mean[c], v = vari[c];
    for (let j = 0; j < p; j++) l -= (0.5 * (row[j] - m[j]) ** 2) / v[j];
    return l;
  };
}

/**
 * Categorical log-likelihoods: feature j's log P(code k | c) at logP[c][offset_j + k], with
 * offset_j = K_0 + … + K_(j−1); codes outside 0..K_j−1 get unseen[c][j].
 */
function categoricalLogJoint(priors: readonly number[], K: Int32Array, logP: readonly Float64Array[], unseen: readonly Float64Array[]): LogJoint {
  const p = K.length;
  const offset = new Int32Array(p);
  for (let j = 1; j < p; j++) offset[j] = offset[j - 1] + K[j - 1];
  const logPrior = priors.map(Math.log);
  return (row, c) => {
    let l = logPrior[c];
    for (let j = 0; j < p; j++) {
      const k = row[j];
      l += Number.isInteger(k) && k >= 0 && k < K[j] ? logP[c][offset[j] + k] : unseen[c][j];
    }
    return l;
  };
}

/** The logJoint of a model saved by fitGaussian or fitCategorical, with `p` features. */
export function restoreLikelihood(saved: SavedParameters, p: number): LogJoint {
  const priors = [savedNumber(saved, "prior0", { min: 0, max: 1 }), savedNumber(saved, "prior1", { min: 0, max: 1 })];
  if (saved.state.variant === "gaussian") {
    const mean = [savedFiniteArray(saved, "mean0", "Float64Array", p), savedFiniteArray(saved, "mean1", "Float64Array", p)];
    const vari = [savedFiniteArray(saved, "var0", "Float64Array", p), savedFiniteArray(saved, "var1", "Float64Array", p)];
    if (vari.some((v) => v.some((x) => !(x > 0)))) throw new SavedModelError("parameters.arrays.var0/var1 must be positive");
    return gaussianLogJoint(priors, mean, vari);
  }
  if (saved.state.variant === "categorical") {
    const K = savedArray(saved, "categories", "Int32Array", p);
    if (K.some((k) => k < 1)) throw new SavedModelError("parameters.arrays.categories must be at least 1 per feature");
    const total = K.reduce((s, k) => s + k, 0);
    const logP = [savedFiniteArray(saved, "logP0", "Float64Array", total), savedFiniteArray(saved, "logP1", "Float64Array", total)];
    const unseen = [savedFiniteArray(saved, "unseen0", "Float64Array", p), savedFiniteArray(saved, "unseen1", "Float64Array", p)];
    return categoricalLogJoint(priors, K, logP, unseen);
  }
  throw new SavedModelError('parameters.state.variant must be "gaussian" or "categorical"');
}
