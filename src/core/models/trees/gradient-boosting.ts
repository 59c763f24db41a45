/**
 * Histogram gradient boosting (as LightGBM / scikit-learn's HistGradientBoosting): each
 * iteration fits a best-first tree with at most `maxLeafNodes` leaves to the loss's gradients
 * and hessians by the Newton gain, and adds learningRate × its leaf values to the raw score.
 * Early stopping watches the loss on a seeded, stratified validation fraction.
 */
import type { Algorithm } from "../algorithm";
import { readEnum, readNumber } from "../../cells/params";
import { makeTable } from "../../frame/table";
import { jsonNumber } from "../summary";
import { applyBins, fitBins } from "./binning";
import { lossFor } from "./boosting-losses";
import { boostingStep, leafMarks, type LeafSegments } from "./boosting-step";
import { newton } from "./criteria";
import { growTree, type GrownTree } from "./grow-tree";
import { binCountHistogram, histogramLayout } from "./histogram";
import { PARALLEL_MIN_ROWS } from "./histogram-threads";
import { HistogramArena } from "./histogram-wasm";
import { importanceJson, importanceTable, normalized } from "./importance";
import { leafOfBinnedRow, type Tree } from "./tree";
import { ensembleModel, restoreEnsemble, type Ensemble } from "./ensemble";
import { subsetRows, validationSplit } from "./validation-split";
import { cooperativeYield } from "./yield";
import { mulberry32, shuffledIndices } from "../../random";
import { sigmoid } from "../predict";

/** Rows the bin edges are fitted on, at most (scikit-learn's `subsample` of its bin mapper). */
const BIN_SAMPLE = 200_000;

/** Gradient boosting hyperparameters (names and defaults follow HistGradientBoosting). */
export interface BoostingOptions {
  readonly maxIter: number;
  readonly learningRate: number;
  readonly maxLeafNodes: number;
  /** 0 = no limit. */
  readonly maxDepth: number;
  readonly minSamplesLeaf: number;
  readonly l2: number;
  readonly maxBins: number;
  /** "auto": on when there are more than 10,000 training rows. */
  readonly earlyStopping: "auto" | "on" | "off";
  readonly validationFraction: number;
  readonly nIterNoChange: number;
  readonly tol: number;
}

/** Gradient-boosted trees: squared error for regression, log loss for binary classification. */
export const gradientBoostingAlgorithm: Algorithm<BoostingOptions> = {
  id: "gradient_boosting",
  title: "Gradient-boosted trees",
  tasks: ["classification", "regression"],
  parseOptions: (p, path) => ({
    maxIter: readNumber(p, "maxIter", path, { fallback: 100, min: 1, max: 10_000, integer: true }),
    learningRate: readNumber(p, "learningRate", path, { fallback: 0.1, min: 1e-6, max: 10 }),
    maxLeafNodes: readNumber(p, "maxLeafNodes", path, { fallback: 31, min: 2, max: 100_000, integer: true }),
    maxDepth: readNumber(p, "maxDepth", path, { fallback: 0, min: 0, max: 1000, integer: true }),
    minSamplesLeaf: readNumber(p, "minSamplesLeaf", path, { fallback: 20, min: 1, integer: true }),
    l2: readNumber(p, "l2", path, { fallback: 0, min: 0 }),
    maxBins: readNumber(p, "maxBins", path, { fallback: 255, min: 2, max: 255, integer: true }),
    earlyStopping: readEnum(p, "earlyStopping", path, ["auto", "on", "off"] as const, "auto"),
    validationFraction: readNumber(p, "validationFraction", path, { fallback: 0.1, min: 0.01, max: 0.5 }),
    nIterNoChange: readNumber(p, "nIterNoChange", path, { fallback: 10, min: 1, integer: true }),
    tol: readNumber(p, "tol", path, { fallback: 1e-7, min: 0 }),
  }),
  async fit(train, task, o, ctx) {
    const { p } = train;
    const pause = cooperativeYield(ctx.signal);
    const loss = lossFor(task);
    const stopEarly = o.earlyStopping === "on" || (o.earlyStopping === "auto" && train.n > 10_000);
    const split = stopEarly ? validationSplit(train.y, task, o.validationFraction, ctx.seed) : undefined;
    const fitPart = split ? subsetRows(train.x, train.y, p, split.fit) : { x: train.x, y: train.y };
    const validPart = split ? subsetRows(train.x, train.y, p, split.valid) : undefined;
    const n = fitPart.y.length;
    ctx.progress(0, "binning");
    // As scikit-learn: bin edges from 200,000 rows drawn without replacement when there are more
    // (sorting a million-row column per feature costs more than the quantiles gain).
    const binRows = n > BIN_SAMPLE ? shuffledIndices(n, mulberry32(ctx.seed ^ 0x2545f491)).subarray(0, BIN_SAMPLE).sort() : undefined;
    const mapper = fitBins(fitPart.x, n, p, o.maxBins, binRows);
    // Histograms of large nodes are built on helper threads when there are some: what they read
    // (codes, gradients, hessians) goes in memory shared with them.
    const threads = ctx.threads && ctx.threads.helpers > 0 && n >= 2 * PARALLEL_MIN_ROWS ? ctx.threads : undefined;
    const memory = threads ? (bytes: number) => threads.shared(bytes) : undefined;
    // What the WebAssembly histogram kernels read (codes, gradients, hessians, row order) goes in
    // their arena (histogram-wasm.ts), shared with the helpers; without WebAssembly, as above.
    const layout = histogramLayout(mapper.nBins);
    const arena = HistogramArena.create(n * p + (threads ? 28 : 24) * n, 1 + (threads?.helpers ?? 0), layout.size, threads !== undefined);
    // The kernels go by columns on every node, so the row-major codes are not made for them.
    const bm = arena ? applyBins(mapper, fitPart.x, n, p, (bytes) => arena.u8(bytes), false) : applyBins(mapper, fitPart.x, n, p, memory);
    const bmValid = validPart ? applyBins(mapper, validPart.x, validPart.y.length, p) : undefined;
    const baseline = loss.baseline(fitPart.y);
    const array = (length: number) => (memory ? new Float64Array(memory(8 * length)) : new Float64Array(length));
    // Raw scores: the new tree's values go from one array into the other (boosting-step.ts).
    let raw = array(n).fill(baseline);
    let rawNext = array(n);
    const y = memory ? array(n) : fitPart.y;
    if (y !== fitPart.y) y.set(fitPart.y);
    const rawValid = new Float64Array(validPart?.y.length ?? 0).fill(baseline);
    const g = arena ? arena.f64(n) : array(n);
    const h = arena ? arena.f64(n) : array(n);
    if (loss.constantHessian !== null) h.fill(loss.constantHessian);
    const rows = Uint32Array.from({ length: n }, (_, i) => i);
    const rowBuffer = arena ? arena.u32(n) : memory ? new Uint32Array(memory(4 * n)) : new Uint32Array(n);
    const partitionBuffers = arena
      ? [arena.u32(n), threads ? arena.u32(n) : new Uint32Array(0)] as const
      : memory
        ? [new Uint32Array(memory(4 * n)), new Uint32Array(memory(4 * n))] as const
        : [new Uint32Array(n), new Uint32Array(0)] as const;
    // Every round's root holds every row: with unit weights its bin counts are computed once.
    const rootCounts = loss.constantHessian === 1 ? binCountHistogram(bm.codes, n, layout.offsets, mapper.nBins, layout.size) : undefined;
    const criterion = newton(o.l2);
    const importance = new Float64Array(p);
    const trees: Tree[] = [];
    const trainLoss: number[] = [];
    const validLoss: number[] = [];
    // Validation scores (−loss) from before the first tree on, for scikit-learn's stopping rule.
    const scores = validPart ? [-loss.loss(validPart.y, rawValid)] : [];
    let stoppedEarly = false;
    const stepArrays = { loss: loss.name, y, g, h, leafOf: leafMarks(n, o.maxLeafNodes, memory) };
    await boostingStep(threads, stepArrays, raw, rawNext, null);
    for (let it = 0; it < o.maxIter; it++) {
      await pause();
      const grown = await growTree(bm, { w: h, s: g, unitWeights: loss.constantHessian === 1 }, rows, {
        criterion, maxDepth: o.maxDepth || Infinity, minSamplesSplit: 2, minSamplesLeaf: o.minSamplesLeaf,
        minWeightLeaf: 1e-3, minGain: 0, maxLeafNodes: o.maxLeafNodes, maxFeatures: p, random: () => 0, threads, rowBuffer, partitionBuffers, rootCounts, arena,
      }, importance);
      const { tree } = grown;
      for (let k = 0; k < tree.value.length; k++) tree.value[k] *= o.learningRate;
      trees.push(tree);
      // The tree's values join the scores; the loss there and the next round's gradients come in the same pass.
      trainLoss.push(await boostingStep(threads, stepArrays, raw, rawNext, { idx: grown.idx, leaves: leafSegments(grown) }));
      [raw, rawNext] = [rawNext, raw];
      if (validPart && bmValid) {
        for (let i = 0; i < rawValid.length; i++) rawValid[i] += tree.value[leafOfBinnedRow(tree, bmValid, i)];
        const l = loss.loss(validPart.y, rawValid);
        validLoss.push(l);
        scores.push(-l);
        if (shouldStop(scores, o.nIterNoChange, o.tol)) { stoppedEarly = true; break; }
      }
      ctx.progress((it + 1) / o.maxIter, `iteration ${it + 1}, loss ${trainLoss[it].toPrecision(6)}`);
    }
    const share = normalized(importance);
    const iterations = trees.length;
    const link = loss.name === "log_loss" ? "logistic" : "identity";
    const ensemble: Ensemble = { trees, init: baseline, scale: 1, link };
    // raw[i] summed init + each tree's (already scaled) leaf value in tree order, as sumOfTrees
    // does, so these are predict's values to the bit. Validation rows were routed by bin codes,
    // which can differ from the thresholds for values between training values: not reused.
    // (Scores in shared memory are copied out: they become a table the page receives.)
    const fittedScores = { rows: split ? split.fit : rows, scores: link === "logistic" ? raw.map(sigmoid) : memory ? raw.slice() : raw };
    return {
      features: train.features,
      ...ensembleModel(ensemble, train.features),
      fittedScores,
      summary: {
        boosting: {
          loss: loss.name, iterations, stoppedEarly, learningRate: o.learningRate, maxLeafNodes: o.maxLeafNodes,
          baseline: jsonNumber(baseline), nFit: n, nValidation: validPart?.y.length ?? 0,
          // Threads that built histograms (the trees are the same on any number).
          threads: 1 + (threads?.helpers ?? 0),
          trainLoss: jsonNumber(trainLoss[iterations - 1]), validationLoss: jsonNumber(validLoss[iterations - 1]),
        },
        importance: importanceJson(train.features, share),
      },
      extras: {
        importance: importanceTable(train.features, share),
        loss: makeTable([
          { name: "iteration", type: "number", values: Float64Array.from(trainLoss, (_, k) => k + 1) },
          { name: "train_loss", type: "number", values: Float64Array.from(trainLoss) },
          { name: "validation_loss", type: "number", values: Float64Array.from(trainLoss, (_, k) => validLoss[k] ?? NaN) },
        ]),
      },
      warnings: [],
    };
  },
  restore: async (saved, features) => restoreEnsemble(saved, features),
};

/**
 * scikit-learn's rule: stop when none of the last `k` scores beats the score k + 1 iterations
 * back by more than `tol`.
 */
function shouldStop(scores: number[], k: number, tol: number): boolean {
  if (scores.length < k + 1) return false;
  const reference = scores[scores.length - k - 1];
  for (let q = scores.length - k; q < scores.length; q++) if (scores[q] > reference + tol) return false;
  return true;
}

/** A grown tree's leaves as segments of its row order, with their values. */
function leafSegments({ tree, segStart, segEnd }: GrownTree): LeafSegments {
  const leaves: number[] = [];
  for (let k = 0; k < tree.value.length; k++) if (tree.feature[k] < 0) leaves.push(k);
  return {
    start: Int32Array.from(leaves, (k) => segStart[k]),
    end: Int32Array.from(leaves, (k) => segEnd[k]),
    value: Float64Array.from(leaves, (k) => tree.value[k]),
  };
}
