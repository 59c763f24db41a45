/**
 * Tree ensembles as a few flat arrays (node arrays of every tree concatenated, plus where each tree
 * starts), for saving, and back: checked, so a corrupt file cannot send prediction into a loop or
 * out of bounds.
 */
import type { SavedArray, SavedParameters } from "../algorithm";
import { SavedModelError, savedArray, savedFiniteArray } from "../saved-parameters";
import type { PredictTree } from "./tree";

/** The arrays of `trees`, concatenated: offsets[t]..offsets[t+1] are tree t's nodes. */
export function packTrees(trees: readonly PredictTree[]): Record<string, SavedArray> {
  const offsets = new Int32Array(trees.length + 1);
  trees.forEach((t, i) => (offsets[i + 1] = offsets[i] + t.feature.length));
  const total = offsets[trees.length];
  const feature = new Int32Array(total), left = new Int32Array(total), right = new Int32Array(total);
  const threshold = new Float64Array(total), value = new Float64Array(total);
  trees.forEach((t, i) => {
    const o = offsets[i];
    feature.set(t.feature, o); left.set(t.left, o); right.set(t.right, o);
    threshold.set(t.threshold, o); value.set(t.value, o);
  });
  return { treeOffsets: offsets, treeFeature: feature, treeThreshold: threshold, treeLeft: left, treeRight: right, treeValue: value };
}

/**
 * The trees packed by packTrees, for a model with `p` features. Every internal node's feature is
 * in range and its children come after it inside the same tree (as the builder numbers them), so
 * every walk ends at a leaf.
 */
export function unpackTrees(saved: SavedParameters, p: number): PredictTree[] {
  const offsets = savedArray(saved, "treeOffsets", "Int32Array");
  if (offsets.length < 2 || offsets[0] !== 0) throw new SavedModelError("parameters.arrays.treeOffsets must start at 0 and list at least one tree");
  const total = offsets[offsets.length - 1];
  const feature = savedArray(saved, "treeFeature", "Int32Array", total);
  const left = savedArray(saved, "treeLeft", "Int32Array", total);
  const right = savedArray(saved, "treeRight", "Int32Array", total);
  const threshold = savedArray(saved, "treeThreshold", "Float64Array", total);
  const value = savedFiniteArray(saved, "treeValue", "Float64Array", total);
  const trees: PredictTree[] = [];
  for (let t = 0; t + 1 < offsets.length; t++) {
    const start = offsets[t], end = offsets[t + 1];
    if (!(end > start)) throw new SavedModelError(`parameters.arrays.treeOffsets: tree ${t} has no nodes`);
    const nodes = end - start;
    const tree: PredictTree = {
      feature: feature.subarray(start, end), left: left.subarray(start, end), right: right.subarray(start, end),
      threshold: threshold.subarray(start, end), value: value.subarray(start, end),
    };
    for (let k = 0; k < nodes; k++) {
      const f = tree.feature[k];
      if (f === -1) continue;
      const ok = f >= 0 && f < p && tree.left[k] > k && tree.left[k] < nodes && tree.right[k] > k && tree.right[k] < nodes && !Number.isNaN(tree.threshold[k]);
      if (!ok) throw new SavedModelError(`parameters.arrays: node ${k} of tree ${t} is not a valid split`);
    }
    trees.push(tree);
  }
  return trees;
}
