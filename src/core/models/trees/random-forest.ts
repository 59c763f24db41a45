/**
 * Random forest (Breiman): CART trees on bootstrap samples with features drawn at random per
 * split, averaged. Bootstrap counts become row weights (as scikit-learn does), the rows a tree
 * never drew give the out-of-bag score, and the bins are fitted once for the whole forest.
 */
import type { Algorithm } from "../algorithm";
import { readBoolean, readNumber } from "../../cells/params";
import { mulberry32 } from "../../steps/types";
import { jsonNumber } from "../summary";
import { applyBins, fitBins } from "./binning";
import { growTree } from "./grow-tree";
import { importanceJson, importanceTable, normalized } from "./importance";
import { oobScore } from "./oob";
import { leafOfBinnedRow, type Tree } from "./tree";
import { criterionFor, featuresPerSplit, parseCartOptions, type CartOptions } from "./tree-options";
import { ensembleModel, restoreEnsemble, type Ensemble } from "./ensemble";
import { cooperativeYield } from "./yield";

/** Random forest hyperparameters: the CART ones plus the ensemble's. */
export interface ForestOptions extends CartOptions {
  readonly nTrees: number;
  readonly bootstrap: boolean;
}

/** Random forest for classification (mean P(class 1)) and regression (mean prediction). */
export const randomForestAlgorithm: Algorithm<ForestOptions> = {
  id: "random_forest",
  title: "Random forest",
  tasks: ["classification", "regression"],
  parseOptions: (p, path) => ({
    ...parseCartOptions(p, path, { maxDepth: 0, maxFeatures: "auto" }),
    nTrees: readNumber(p, "nTrees", path, { fallback: 100, min: 1, max: 10_000, integer: true }),
    bootstrap: readBoolean(p, "bootstrap", path, true),
  }),
  async fit(train, task, options, ctx) {
    const { n, p, y } = train;
    const pause = cooperativeYield(ctx.signal);
    ctx.progress(0, "binning");
    const bm = applyBins(fitBins(train.x, n, p, options.maxBins), train.x, n, p);
    const criterion = criterionFor(options.criterion, task, "params");
    const maxFeatures = featuresPerSplit(options.maxFeatures, p, task, true);
    const seeds = mulberry32(ctx.seed);
    const trees: Tree[] = [];
    const importance = new Float64Array(p);
    const oobSum = new Float64Array(n);
    const oobCount = new Int32Array(n);
    const counts = new Float64Array(n);
    const s = new Float64Array(n);
    for (let t = 0; t < options.nTrees; t++) {
      await pause();
      const random = mulberry32(Math.floor(seeds() * 4294967296));
      counts.fill(options.bootstrap ? 0 : 1);
      if (options.bootstrap) for (let k = 0; k < n; k++) counts[Math.floor(random() * n)]++;
      let m = 0;
      for (let i = 0; i < n; i++) if (counts[i] > 0) m++;
      const rows = new Uint32Array(m);
      for (let i = 0, k = 0; i < n; i++) if (counts[i] > 0) { rows[k++] = i; s[i] = counts[i] * y[i]; }
      const own = new Float64Array(p);
      const { tree } = await growTree(bm, { w: counts, s }, rows, {
        criterion, maxDepth: options.maxDepth || Infinity, minSamplesSplit: options.minSamplesSplit,
        minSamplesLeaf: options.minSamplesLeaf, minWeightLeaf: 0, minGain: -Infinity, maxLeafNodes: Infinity,
        maxFeatures, random,
      }, own, y);
      trees.push(tree);
      const share = normalized(own);
      for (let j = 0; j < p; j++) importance[j] += share[j];
      if (options.bootstrap) {
        for (let i = 0; i < n; i++) {
          if (counts[i] === 0) { oobSum[i] += tree.value[leafOfBinnedRow(tree, bm, i)]; oobCount[i]++; }
        }
      }
      ctx.progress((t + 1) / options.nTrees, `tree ${t + 1} of ${options.nTrees}`);
    }
    const share = normalized(importance);
    const oob = options.bootstrap ? oobScore(task, y, oobSum, oobCount) : undefined;
    const warnings = oob && oob.covered < n ? [`${n - oob.covered} training rows were in every bootstrap sample and have no out-of-bag prediction`] : [];
    let leaves = 0, depth = 0;
    for (const tr of trees) { leaves += tr.nLeaves; depth += tr.depth; }
    const ensemble: Ensemble = { trees, init: 0, scale: 1 / trees.length, link: "identity" };
    return {
      features: train.features,
      ...ensembleModel(ensemble, train.features),
      summary: {
        forest: {
          nTrees: trees.length, criterion: criterion.name, maxFeatures, bootstrap: options.bootstrap,
          meanLeaves: leaves / trees.length, meanDepth: depth / trees.length,
        },
        oob: oob ? { metric: oob.metric, score: jsonNumber(oob.score), rows: oob.covered } : null,
        importance: importanceJson(train.features, share),
      },
      extras: { importance: importanceTable(train.features, share) },
      warnings,
    };
  },
  restore: async (saved, features) => restoreEnsemble(saved, features),
};
