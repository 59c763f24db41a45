import * as tf from "@tensorflow/tfjs-core";
import type { Algorithm, Predictor, SavedParameters } from "./algorithm";
import { dropFeatures, featureColumns, standardizeToFloat32, type DesignMatrix } from "./design-matrix";
import { solvePrimal, type SvmLoss } from "./svm-newton";
import { drawFourierMap, fourierFeatures, scaleGamma, type FourierMap } from "./svm-rff";
import { fitPlatt, plattProbability } from "./svm-platt";
import { coefficientsTable, jsonNumber } from "./summary";
import type { LinearPredictorFit } from "./types";
import { restoreLinear, saveLinear } from "./linear-algorithm";
import { savedChoice, savedFiniteArray, savedNumber } from "./saved-parameters";
import { readEnum, readNumber } from "../cells/params";
import { TableError, type Table } from "../frame/table";

/** Hyperparameters of the SVM. */
export interface SvmOptions {
  readonly kernel: "linear" | "rbf";
  /** Weight of the loss against ½‖w‖² (as scikit-learn's C). Default 1. */
  readonly C: number;
  /** Regression: half-width of the tube with no loss, in target units. Default 0.1. */
  readonly epsilon: number;
  /** RBF width; undefined = scikit-learn's "scale", 1 / (p · Var(X)). */
  readonly gamma?: number;
  /** Random Fourier features for the RBF kernel. Default 300. */
  readonly components: number;
  /** Newton iterations at most. Default 50. */
  readonly maxIter: number;
}

/**
 * Support vector machine: classification with the squared hinge loss (LinearSVC's default) and
 * regression with the squared ε-insensitive loss, both L2-regularised and solved exactly in the
 * primal by Newton's method on the active backend (svm-newton.ts). The RBF kernel is approximated
 * by seeded random Fourier features (svm-rff.ts). Classification probabilities come from Platt
 * scaling fitted on the training decision values (svm-platt.ts). The intercept is not penalised.
 */
export const svmAlgorithm: Algorithm<SvmOptions> = {
  id: "svm",
  title: "Support vector machine",
  tasks: ["classification", "regression"],
  parseOptions: (p, path) => ({
    kernel: readEnum(p, "kernel", path, ["linear", "rbf"] as const, "linear"),
    C: readNumber(p, "C", path, { fallback: 1, min: 1e-12 }),
    epsilon: readNumber(p, "epsilon", path, { fallback: 0.1, min: 0 }),
    gamma: p.gamma === undefined || p.gamma === "scale" || p.gamma === 0 ? undefined : readNumber(p, "gamma", path, { min: 1e-12 }),
    components: readNumber(p, "components", path, { fallback: 300, min: 1, max: 5000, integer: true }),
    maxIter: readNumber(p, "maxIter", path, { fallback: 50, min: 1, max: 1000, integer: true }),
  }),
  async fit(train, task, options, ctx) {
    const dm = train.constantFeatures.length ? dropFeatures(train, train.constantFeatures) : train;
    const warnings = train.constantFeatures.length ? [`Dropped constant features ${train.constantFeatures.join(", ")}`] : [];
    if (dm.p === 0) throw new TableError("Every feature is constant; nothing to learn from");
    const y = task === "classification" ? dm.y.map((v) => (v === 1 ? 1 : -1)) : dm.y;
    const loss: SvmLoss = task === "classification" ? { kind: "squared-hinge" } : { kind: "squared-epsilon", epsilon: options.epsilon };
    const space = options.kernel === "linear" ? linearSpace(dm) : await fourierSpace(dm, options, ctx.seed, scaleGamma(train.x, train.p));
    const tensor = tf.tensor2d(space.x32, [dm.n, space.width], "float32");
    let solution;
    try {
      solution = await solvePrimal(
        { tensor, x: space.x, n: dm.n, width: space.width, y, penalty: space.penalty, C: options.C, loss },
        { maxIter: options.maxIter, signal: ctx.signal, onIteration: (i, obj) => ctx.progress(i / options.maxIter, `Newton iteration ${i}, objective ${obj.toPrecision(6)}`) },
      );
    } finally {
      tensor.dispose();
    }
    if (!solution.converged) warnings.push(`Did not converge in ${options.maxIter} iterations; raise maxIter or lower C`);
    let platt: { A: number; B: number } | undefined;
    if (task === "classification") {
      const f = new Float64Array(dm.n);
      for (let i = 0; i < dm.n; i++) {
        let o = 0;
        for (let j = 0; j < space.width; j++) o += space.x[i * space.width + j] * solution.theta[j];
        f[i] = o;
      }
      platt = fitPlatt(f, dm.y);
    }
    const linear = space.coefficients?.(solution.theta);
    const decision = space.save(solution.theta);
    const saved: SavedParameters = {
      state: { ...decision.state, ...(platt ? { plattA: platt.A, plattB: platt.B } : {}) },
      arrays: decision.arrays,
    };
    ctx.progress(1, "done");
    return {
      features: dm.features,
      ...svmPredictor(saved, dm.features),
      save: async () => saved,
      summary: {
        fit: {
          kernel: options.kernel, C: options.C, ...(task === "regression" ? { epsilon: options.epsilon } : {}),
          loss: loss.kind, iterations: solution.iterations, converged: solution.converged,
          objective: jsonNumber(solution.objective), supportVectors: solution.active,
          ...(space.map ? { gamma: jsonNumber(space.map.gamma), components: space.map.components } : {}),
          ...(platt ? { plattA: jsonNumber(platt.A), plattB: jsonNumber(platt.B) } : {}),
        },
        ...(linear ? { coefficients: linear.coefficients.map((c) => ({ feature: c.feature, estimate: jsonNumber(c.estimate) })), intercept: jsonNumber(linear.intercept.estimate) } : {}),
      },
      extras: (linear ? { coefficients: coefficientsTable(linear) } : {}) as Record<string, Table>,
      warnings,
    };
  },
  restore: async (saved, features) => svmPredictor(saved, features),
};

/** The decision function, through Platt's sigmoid when the saved state has one (classification). */
function svmPredictor(saved: SavedParameters, features: readonly string[]): Predictor {
  const kernel = savedChoice(saved, "kernel", ["linear", "rbf"] as const);
  const decision = kernel === "linear" ? restoreLinear(saved, features).predict : fourierDecision(saved, features);
  const platt = "plattA" in saved.state ? { A: savedNumber(saved, "plattA"), B: savedNumber(saved, "plattB") } : undefined;
  return {
    async predict(table) {
      const f = await decision(table);
      return platt ? f.map((v) => (Number.isNaN(v) ? NaN : plattProbability(v, platt.A, platt.B))) : f;
    },
    dispose() {},
  };
}

/** θ · z(x) over the random Fourier features of the raw features (NaN where one is missing). */
function fourierDecision(saved: SavedParameters, features: readonly string[]): (table: Table) => Promise<Float64Array> {
  const p = features.length;
  const D = savedNumber(saved, "components", { integer: true, min: 1, max: 5000 });
  const map: FourierMap = {
    p, components: D, gamma: savedNumber(saved, "gamma", { min: 0 }),
    w: savedFiniteArray(saved, "w", "Float32Array", p * D), b: savedFiniteArray(saved, "b", "Float32Array", D),
  };
  const theta = savedFiniteArray(saved, "theta", "Float64Array", D + 1);
  return async (table) => {
    const cols = featureColumns(table, features).map((c) => c.values);
    const n = table.nRows;
    const rows = new Float64Array(n * p);
    const missing = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < p; j++) {
        const v = cols[j][i];
        if (Number.isNaN(v)) missing[i] = 1;
        rows[i * p + j] = Number.isNaN(v) ? 0 : v;
      }
    }
    const z = await fourierFeatures(map, rows, n, true);
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let o = 0;
      for (let j = 0; j <= D; j++) o += z[i * (D + 1) + j] * theta[j];
      out[i] = missing[i] ? NaN : o;
    }
    return out;
  };
}

/** The space the linear solver works in, and how to map a solution back to predictions. */
interface Space {
  readonly x32: Float32Array;
  readonly x: Float64Array;
  readonly width: number;
  readonly penalty: Float64Array;
  readonly map?: FourierMap;
  /** The decision function of solution θ as saved parameters (read back by svmPredictor). */
  save(theta: Float64Array): SavedParameters;
  coefficients?(theta: Float64Array): LinearPredictorFit;
}

/**
 * Linear kernel: standardised columns (for a well-conditioned float32 Hessian) with the penalty
 * rescaled so the answer is the one on the raw features, as logistic.ts does.
 */
function linearSpace(dm: DesignMatrix): Space {
  const { x32, width, means, scales } = standardizeToFloat32(dm, true);
  const p = dm.p;
  const penalty = Float64Array.from({ length: width }, (_, j) => (j < p ? 1 / (scales[j] * scales[j]) : 0));
  const x = new Float64Array(dm.n * width);
  for (let i = 0; i < dm.n; i++) {
    for (let j = 0; j < p; j++) x[i * width + j] = (dm.x[i * p + j] - means[j]) / scales[j];
    x[i * width + p] = 1;
  }
  const raw = (theta: Float64Array): LinearPredictorFit => {
    const coefficients = dm.features.map((feature, j) => ({ feature, estimate: theta[j] / scales[j] }));
    let intercept = theta[p];
    for (let j = 0; j < p; j++) intercept -= means[j] * coefficients[j].estimate;
    return { features: dm.features, coefficients, intercept: { feature: "(intercept)", estimate: intercept }, warnings: [] };
  };
  return {
    x32, x, width, penalty, coefficients: raw,
    save(theta) {
      const saved = saveLinear(raw(theta), "identity");
      return { state: { kernel: "linear", ...saved.state }, arrays: saved.arrays };
    },
  };
}

/** RBF kernel through random Fourier features of the raw features (gamma as scikit-learn's SVC). */
async function fourierSpace(dm: DesignMatrix, options: SvmOptions, seed: number, scale: number): Promise<Space> {
  // "scale" is computed before constant columns are dropped, as sklearn (which keeps them) does.
  const gamma = options.gamma ?? scale;
  const map = drawFourierMap(dm.p, options.components, gamma, seed);
  const x = await fourierFeatures(map, dm.x, dm.n, true);
  const width = options.components + 1;
  const penalty = Float64Array.from({ length: width }, (_, j) => (j < options.components ? 1 : 0));
  return {
    x32: Float32Array.from(x), x, width, penalty, map,
    save(theta) {
      return { state: { kernel: "rbf", gamma: map.gamma, components: map.components }, arrays: { w: map.w, b: map.b, theta: Float64Array.from(theta) } };
    },
  };
}
