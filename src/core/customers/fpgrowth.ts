/**
 * Frequent itemsets by FP-Growth (Han, Pei & Yin 2000): baskets are compressed into a prefix
 * tree ordered by item frequency, and itemsets are grown from each item's conditional tree, with
 * no candidate generation. Guarded: stops with ItemsetLimitError past `maxItemsets`.
 */

/** Mining options. `minCount` is the absolute support threshold (baskets). */
export interface MiningOptions {
  readonly minCount: number;
  readonly maxLength: number;
  readonly maxItemsets: number;
  /** Called between conditional trees; may throw (e.g. CancelledError). */
  readonly check?: () => void;
  /** Fraction of the top-level items mined so far. */
  readonly onProgress?: (fraction: number) => void;
}

/** Frequent itemsets as ascending item codes, with their basket counts. */
export interface FrequentItemsets {
  readonly itemsets: Int32Array[];
  readonly counts: number[];
}

/** Thrown when mining would produce more than `maxItemsets` itemsets. */
export class ItemsetLimitError extends Error {
  override readonly name = "ItemsetLimitError";
}

/** A prefix tree in parallel arrays; node 0 is the root. */
class FpTree {
  readonly item: number[] = [-1];
  readonly count: number[] = [0];
  readonly parent: number[] = [-1];
  readonly firstChild: number[] = [-1];
  readonly nextSibling: number[] = [-1];
  /** Nodes of each item, in insertion order. */
  readonly nodes = new Map<number, number[]>();

  insert(path: ArrayLike<number>, count: number): void {
    let node = 0;
    for (let i = 0; i < path.length; i++) {
      const it = path[i];
      let child = this.firstChild[node];
      while (child !== -1 && this.item[child] !== it) child = this.nextSibling[child];
      if (child === -1) {
        child = this.item.length;
        this.item.push(it);
        this.count.push(0);
        this.parent.push(node);
        this.firstChild.push(-1);
        this.nextSibling.push(this.firstChild[node]);
        this.firstChild[node] = child;
        const list = this.nodes.get(it);
        if (list) list.push(child);
        else this.nodes.set(it, [child]);
      }
      this.count[child] += count;
      node = child;
    }
  }
}

/** Mines all itemsets contained in at least `minCount` baskets, up to `maxLength` items. */
export function fpGrowth(baskets: readonly Int32Array[], nItems: number, options: MiningOptions): FrequentItemsets {
  const { minCount, maxLength, maxItemsets, check, onProgress } = options;
  const support = new Float64Array(nItems);
  for (const b of baskets) for (let i = 0; i < b.length; i++) support[b[i]]++;
  // Rank frequent items by descending support: shared prefixes make the tree small.
  const frequent = [...support.keys()].filter((i) => support[i] >= minCount).sort((i, j) => support[j] - support[i] || i - j);
  const rank = new Int32Array(nItems).fill(-1);
  frequent.forEach((item, r) => (rank[item] = r));
  const tree = new FpTree();
  for (const b of baskets) {
    const path = Array.from(b).filter((i) => rank[i] >= 0).sort((i, j) => rank[i] - rank[j]);
    if (path.length) tree.insert(path, 1);
  }
  const out: FrequentItemsets = { itemsets: [], counts: [] };
  const suffix: number[] = [];

  const mine = (t: FpTree, top: boolean): void => {
    // Least frequent first, so progress at the top level moves steadily.
    const items = [...t.nodes.keys()].sort((i, j) => rank[j] - rank[i]);
    items.forEach((item, done) => {
      if (top) onProgress?.(done / items.length);
      check?.();
      const nodes = t.nodes.get(item)!;
      let total = 0;
      for (const n of nodes) total += t.count[n];
      suffix.push(item);
      out.itemsets.push(Int32Array.from(suffix).sort());
      out.counts.push(total);
      if (out.itemsets.length > maxItemsets) {
        throw new ItemsetLimitError(`More than ${maxItemsets.toLocaleString("en-GB")} frequent itemsets: raise the minimum support or lower the maximum itemset length`);
      }
      if (suffix.length < maxLength) {
        const conditional = conditionalTree(t, nodes, minCount);
        if (conditional) mine(conditional, false);
      }
      suffix.pop();
    });
  };
  mine(tree, true);
  onProgress?.(1);
  return out;
}

/** The tree of the prefix paths above `nodes`, keeping items frequent within those paths. */
function conditionalTree(t: FpTree, nodes: readonly number[], minCount: number): FpTree | undefined {
  const counts = new Map<number, number>();
  for (const n of nodes) {
    for (let p = t.parent[n]; p > 0; p = t.parent[p]) counts.set(t.item[p], (counts.get(t.item[p]) ?? 0) + t.count[n]);
  }
  let any = false;
  for (const c of counts.values()) if (c >= minCount) any = true;
  if (!any) return undefined;
  const tree = new FpTree();
  const path: number[] = [];
  for (const n of nodes) {
    path.length = 0;
    for (let p = t.parent[n]; p > 0; p = t.parent[p]) if (counts.get(t.item[p])! >= minCount) path.push(t.item[p]);
    // Collected leaf-to-root; the tree wants root-to-leaf (global rank order).
    path.reverse();
    if (path.length) tree.insert(path, t.count[n]);
  }
  return tree;
}
