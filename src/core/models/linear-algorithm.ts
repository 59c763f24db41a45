import type { Algorithm } from "./algorithm";
import { fitLinear, type LinearFit } from "./linear";
import { fitLogistic, type LogisticFit } from "./logistic";
import { linearPredictor, sigmoid } from "./predict";
import { coefficientJson, coefficientsTable, jsonNumber } from "./summary";
import { readNumber } from "../cells/params";
import type { JsonObject } from "../json";

/** Summary fields shared by the two linear-predictor models. */
function linearSummary(fit: LinearFit | LogisticFit, fitDetails: JsonObject): JsonObject {
  return {
    coefficients: fit.coefficients.map(coefficientJson),
    intercept: jsonNumber(fit.intercept.estimate),
    interceptInference: coefficientJson(fit.intercept),
    fit: fitDetails,
  };
}

/** Ordinary least squares through TF.js (see linear.ts). */
export const linearAlgorithm: Algorithm<Record<string, never>> = {
  id: "linear",
  title: "Linear regression",
  tasks: ["regression"],
  parseOptions: () => ({}),
  async fit(train, _task, _options, ctx) {
    ctx.progress(0, "fitting");
    const fit = await fitLinear(train);
    ctx.progress(1, "done");
    return {
      features: fit.features,
      predict: async (table) => linearPredictor(fit, table),
      summary: linearSummary(fit, {
        r2: jsonNumber(fit.rSquared), adjustedR2: jsonNumber(fit.adjustedRSquared), sigma: jsonNumber(fit.sigma),
        dfResidual: fit.dfResidual, ridge: fit.ridge, droppedFeatures: [...fit.droppedFeatures],
      }),
      extras: { coefficients: coefficientsTable(fit) },
      warnings: fit.warnings,
      dispose() {},
    };
  },
};

/** Hyperparameters of L2 logistic regression. */
export interface LogisticOptions {
  /** Inverse L2 strength, as scikit-learn (default 1). */
  readonly C: number;
  /** Newton iterations at most (default 100). */
  readonly maxIter: number;
}

/** Binary L2 logistic regression by Newton's method, Hessians through TF.js (see logistic.ts). */
export const logisticAlgorithm: Algorithm<LogisticOptions> = {
  id: "logistic",
  title: "Logistic regression",
  tasks: ["classification"],
  parseOptions: (p, path) => ({
    C: readNumber(p, "C", path, { fallback: 1, min: 1e-12 }),
    maxIter: readNumber(p, "maxIter", path, { fallback: 100, min: 1, max: 10_000, integer: true }),
  }),
  async fit(train, _task, options, ctx) {
    ctx.progress(0, "fitting");
    const fit = await fitLogistic(train, {
      C: options.C, maxIter: options.maxIter, signal: ctx.signal,
      onIteration: (i) => ctx.progress(i.iteration / i.maxIter, `iteration ${i.iteration}, loss ${i.loss.toPrecision(6)}`),
    });
    ctx.progress(1, "done");
    return {
      features: fit.features,
      predict: async (table) => linearPredictor(fit, table).map(sigmoid),
      summary: linearSummary(fit, {
        C: fit.C, iterations: fit.iterations, converged: fit.converged, loss: jsonNumber(fit.loss), droppedFeatures: [...fit.droppedFeatures],
      }),
      extras: { coefficients: coefficientsTable(fit) },
      warnings: fit.warnings,
      dispose() {},
    };
  },
};
