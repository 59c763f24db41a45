// Histogram-based trees: binning, the grower, and the three tree algorithms.
export { applyBins, binOf, fitBins, MAX_BINS, type BinMapper, type BinnedMatrix } from "./binning";
export { entropy, gini, newton, squaredError, type Criterion } from "./criteria";
export { growTree, type GrowOptions, type GrownTree } from "./grow-tree";
export { leafOfBinnedRow, leafOfRow, type Tree } from "./tree";
export { decisionTreeAlgorithm } from "./decision-tree";
export { randomForestAlgorithm, type ForestOptions } from "./random-forest";
export { gradientBoostingAlgorithm, type BoostingOptions } from "./gradient-boosting";
export type { CartOptions } from "./tree-options";
