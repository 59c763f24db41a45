import type { Algorithm, Predictor, SavedParameters } from "./algorithm";
import { fitLinear, type LinearFit } from "./linear";
import { fitLogistic, type LogisticFit } from "./logistic";
import { linearPredictor, sigmoid } from "./predict";
import { coefficientJson, coefficientsTable, jsonNumber } from "./summary";
import { savedChoice, savedFiniteArray, savedNumber } from "./saved-parameters";
import type { LinearPredictorFit } from "./types";
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

/** How η = intercept + Σ βⱼ xⱼ becomes the output: itself (OLS) or σ(η) = P(class 1) (logistic). */
type Link = "identity" | "logistic";

/** The predictor of a linear model (fitted or restored alike). */
export function linearModel(fit: Pick<LinearPredictorFit, "features" | "intercept" | "coefficients">, link: Link): Predictor {
  return {
    predict: async (table) => {
      const eta = linearPredictor(fit, table);
      // In place with a plain loop: map's callback costs ~20 ms per million rows in a cold page.
      if (link === "logistic") for (let i = 0; i < eta.length; i++) eta[i] = sigmoid(eta[i]);
      return eta;
    },
    dispose() {},
  };
}

/** Coefficients in feature order, and the intercept. */
export function saveLinear(fit: LinearPredictorFit, link: Link): SavedParameters {
  return { state: { intercept: fit.intercept.estimate, link }, arrays: { coefficients: Float64Array.from(fit.coefficients, (c) => c.estimate) } };
}

export function restoreLinear(saved: SavedParameters, features: readonly string[]): Predictor {
  const beta = savedFiniteArray(saved, "coefficients", "Float64Array", features.length);
  const fit = {
    features,
    intercept: { feature: "(intercept)", estimate: savedNumber(saved, "intercept") },
    coefficients: features.map((feature, j) => ({ feature, estimate: beta[j] })),
  };
  return linearModel(fit, savedChoice(saved, "link", ["identity", "logistic"] as const));
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
      ...linearModel(fit, "identity"),
      save: async () => saveLinear(fit, "identity"),
      summary: linearSummary(fit, {
        r2: jsonNumber(fit.rSquared), adjustedR2: jsonNumber(fit.adjustedRSquared), sigma: jsonNumber(fit.sigma),
        dfResidual: fit.dfResidual, ridge: fit.ridge, droppedFeatures: [...fit.droppedFeatures],
      }),
      extras: { coefficients: coefficientsTable(fit) },
      warnings: fit.warnings,
    };
  },
  restore: async (saved, features) => restoreLinear(saved, features),
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
      ...linearModel(fit, "logistic"),
      save: async () => saveLinear(fit, "logistic"),
      summary: linearSummary(fit, {
        C: fit.C, iterations: fit.iterations, converged: fit.converged, loss: jsonNumber(fit.loss), droppedFeatures: [...fit.droppedFeatures],
      }),
      extras: { coefficients: coefficientsTable(fit) },
      warnings: fit.warnings,
    };
  },
  restore: async (saved, features) => restoreLinear(saved, features),
};
