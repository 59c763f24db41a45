/**
 * Naive Bayes for binary classification, the simple Bayesian baseline: Gaussian on numeric
 * features (variance smoothing as scikit-learn's GaussianNB) or categorical on integer-coded
 * features (additive smoothing α as CategoricalNB). Classes are coded 0/1; priors are the
 * training frequencies.
 */
import type { Algorithm } from "./algorithm";
import { readEnum, readNumber } from "../cells/params";
import { makeTable } from "../frame/table";
import { featureColumns } from "./design-matrix";
import { fitCategorical, fitGaussian, restoreLikelihood, type ClassLogLikelihood, type LogJoint } from "./naive-bayes-parts";
import type { Predictor } from "./algorithm";

/** Naive Bayes hyperparameters. */
export interface NaiveBayesOptions {
  readonly variant: "gaussian" | "categorical";
  /** Gaussian: share of the largest feature variance added to every variance (default 1e-9). */
  readonly varSmoothing: number;
  /** Categorical: additive (Laplace) smoothing (default 1). */
  readonly alpha: number;
}

/** Naive Bayes; predicts P(class 1) from the two classes' log joint likelihoods. */
export const naiveBayesAlgorithm: Algorithm<NaiveBayesOptions> = {
  id: "naive_bayes",
  title: "Naive Bayes",
  tasks: ["classification"],
  parseOptions: (p, path) => ({
    variant: readEnum(p, "variant", path, ["gaussian", "categorical"] as const, "gaussian"),
    varSmoothing: readNumber(p, "varSmoothing", path, { fallback: 1e-9, min: 0 }),
    alpha: readNumber(p, "alpha", path, { fallback: 1, min: 1e-10 }),
  }),
  async fit(train, _task, options, ctx) {
    ctx.progress(0, "fitting");
    const model: ClassLogLikelihood =
      options.variant === "gaussian" ? fitGaussian(train, options.varSmoothing) : fitCategorical(train, options.alpha);
    ctx.progress(1, "done");
    const { features } = train;
    return {
      features,
      ...bayesPredictor(model.logJoint, features),
      save: async () => model.saved,
      summary: { naiveBayes: { variant: options.variant, priors: [...model.priors], ...model.details } },
      extras: {
        parameters: makeTable([
          { name: "feature", type: "string", values: [...features] },
          { name: model.columns[0], type: "number", values: model.perFeature[0] },
          { name: model.columns[1], type: "number", values: model.perFeature[1] },
          { name: model.columns[2], type: "number", values: model.perFeature[2] },
          { name: model.columns[3], type: "number", values: model.perFeature[3] },
        ]),
      },
      warnings: model.warnings,
    };
  },
  restore: async (saved, features) => bayesPredictor(restoreLikelihood(saved, features.length), features),
};

/** P(class 1) for every complete row, from the two classes' log joint likelihoods. */
function bayesPredictor(logJoint: LogJoint, features: readonly string[]): Predictor {
  return {
    async predict(table) {
      const cols = featureColumns(table, features).map((c) => c.values);
      const out = new Float64Array(table.nRows);
      const row = new Float64Array(cols.length);
      for (let r = 0; r < out.length; r++) {
        let missing = false;
        for (let j = 0; j < cols.length; j++) { row[j] = cols[j][r]; missing ||= Number.isNaN(row[j]); }
        if (missing) { out[r] = NaN; continue; }
        // P(1) = 1 / (1 + e^(l0 − l1)): the two-class softmax, finite for any log-likelihoods.
        const d = logJoint(row, 0) - logJoint(row, 1);
        out[r] = d > 0 ? Math.exp(-d) / (1 + Math.exp(-d)) : 1 / (1 + Math.exp(d));
      }
      return out;
    },
    dispose() {},
  };
}

