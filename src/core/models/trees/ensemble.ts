/**
 * A fitted tree model as what predicts with it: link(init + scale · Σ leaf values). The single
 * tree, the forest (scale 1/T) and boosting (init = baseline, logistic link for classification)
 * share it, so a restored model predicts through the very function the fitted one used.
 */
import type { Predictor, SavedParameters } from "../algorithm";
import { sigmoid } from "../predict";
import { savedChoice, savedNumber } from "../saved-parameters";
import type { PredictTree } from "./tree";
import { packTrees, unpackTrees } from "./tree-pack";
import { sumOfTrees } from "./tree-predict";

/** Raw score → output: identity (means, P(class 1) of CART leaves) or the logistic function (boosted log-odds). */
export type EnsembleLink = "identity" | "logistic";

/** Everything a tree ensemble predicts from. */
export interface Ensemble {
  readonly trees: readonly PredictTree[];
  readonly init: number;
  readonly scale: number;
  readonly link: EnsembleLink;
}

/** Predictions of `ensemble` on the raw `features` of a table. */
export function ensemblePredictor(ensemble: Ensemble, features: readonly string[]): Predictor {
  const { trees, init, scale, link } = ensemble;
  return {
    async predict(table) {
      const raw = sumOfTrees(trees, features, table, init, scale);
      return link === "logistic" ? raw.map(sigmoid) : raw;
    },
    dispose() {},
  };
}

/** The predictor of a fitted ensemble, how to save it, and how large that is. */
export function ensembleModel(ensemble: Ensemble, features: readonly string[]): Predictor & { save(): Promise<SavedParameters>; savedBytes: number } {
  let nodes = 0;
  for (const t of ensemble.trees) nodes += t.feature.length;
  // Per node: feature, left, right (int32) and threshold, value (float64).
  return { ...ensemblePredictor(ensemble, features), save: async () => saveEnsemble(ensemble), savedBytes: 28 * nodes };
}

export function saveEnsemble(ensemble: Ensemble): SavedParameters {
  return { state: { init: ensemble.init, scale: ensemble.scale, link: ensemble.link }, arrays: packTrees(ensemble.trees) };
}

export function restoreEnsemble(saved: SavedParameters, features: readonly string[]): Predictor {
  const ensemble: Ensemble = {
    trees: unpackTrees(saved, features.length),
    init: savedNumber(saved, "init"),
    scale: savedNumber(saved, "scale"),
    link: savedChoice(saved, "link", ["identity", "logistic"] as const),
  };
  return ensemblePredictor(ensemble, features);
}
