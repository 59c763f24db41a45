/**
 * A single CART decision tree (gini / entropy for classification, squared error for regression)
 * grown over histogram bins; with ≤ 255 distinct values per feature it finds the same splits as
 * exact CART (scikit-learn's DecisionTree*), see binning.ts.
 */
import type { Algorithm } from "../algorithm";
import { applyBins, fitBins } from "./binning";
import { growTree } from "./grow-tree";
import { importanceJson, importanceTable, normalized } from "./importance";
import { treeShape } from "./tree";
import { criterionFor, featuresPerSplit, parseCartOptions, type CartOptions } from "./tree-options";
import { ensembleModel, restoreEnsemble, type Ensemble } from "./ensemble";
import { mulberry32 } from "../../steps/types";

/** A single tree; default depth limit 8 keeps it readable (scikit-learn grows without limit). */
export const decisionTreeAlgorithm: Algorithm<CartOptions> = {
  id: "decision_tree",
  title: "Decision tree",
  tasks: ["classification", "regression"],
  parseOptions: (p, path) => parseCartOptions(p, path, { maxDepth: 8, maxFeatures: "all" }),
  async fit(train, task, options, ctx) {
    ctx.progress(0, "binning");
    const { n, p } = train;
    const mapper = fitBins(train.x, n, p, options.maxBins);
    const bm = applyBins(mapper, train.x, n, p);
    const criterion = criterionFor(options.criterion, task, "params");
    const importance = new Float64Array(p);
    ctx.progress(0.2, "growing");
    const { tree } = await growTree(
      bm, { w: new Float64Array(n).fill(1), s: train.y, unitWeights: true }, Uint32Array.from({ length: n }, (_, i) => i),
      {
        criterion, maxDepth: options.maxDepth || Infinity, minSamplesSplit: options.minSamplesSplit,
        minSamplesLeaf: options.minSamplesLeaf, minWeightLeaf: 0, minGain: -Infinity, maxLeafNodes: Infinity,
        maxFeatures: featuresPerSplit(options.maxFeatures, p, task, false), random: mulberry32(ctx.seed),
      },
      importance, train.y,
    );
    const share = normalized(importance);
    ctx.progress(1, "done");
    const ensemble: Ensemble = { trees: [tree], init: 0, scale: 1, link: "identity" };
    return {
      features: train.features,
      ...ensembleModel(ensemble, train.features),
      summary: {
        tree: { ...treeShape(tree), criterion: criterion.name, maxDepth: options.maxDepth || null },
        importance: importanceJson(train.features, share),
      },
      extras: { importance: importanceTable(train.features, share) },
      warnings: [],
    };
  },
  restore: async (saved, features) => restoreEnsemble(saved, features),
};
