import * as tf from "@tensorflow/tfjs-core";

/**
 * The assignment step of Lloyd's algorithm (nearest centre per row), the O(n·k·p) part of k-means.
 * Two engines: plain float64 loops, and TF.js on the active backend. The TF.js form is the tuned
 * one measured in browser-baselines.md: a single matMul of [X, 1] against [−2C, |C|²]ᵀ gives
 * |c|² − 2x·c, whose argMin is the nearest centre (|x|² is the same for every centre, so it is
 * left out). Centre updates stay in float64 JS: they are O(n·p) and exactness matters there.
 */
export interface Assigner {
  /** Writes the nearest centre of every row into `labels`, which holds valid labels on entry (the previous assignment, or zeros). */
  assign(centres: Float64Array, labels: Int32Array): Promise<void>;
  /**
   * The same assignment, and in the same pass each row added to its new cluster's `sums` (k×p) and
   * `counts` in row order. Returns how many labels changed and Σ of each row's squared distance to
   * its new centre. Only engines that see the rows themselves (the float64 loops) have it.
   */
  assignAndSum?(centres: Float64Array, labels: Int32Array, sums: Float64Array, counts: Float64Array): { changed: number; distances: number };
  dispose(): void;
}

/**
 * Float64 loops: exact, and on one thread faster than TF.js's CPU and WASM backends (docs/models.md
 * gives the timings). Most rows keep their cluster from one iteration to the next, and a row
 * provably does when it lies closer to its current centre a than half the distance from a to the
 * nearest other centre (|x − a| < ½·min |a − b| gives |x − b| ≥ |a − b| − |x − a| > |x − a|). So each
 * row first measures its distance to its current centre (p operations) and only rows failing that
 * test are compared with all k centres (k·p). The threshold is shaded down by 1e-9 so rounding never
 * lets a tie or a nearer centre through: the labels are those of comparing every row with every
 * centre (ties to the lower index). `labels` holds the previous assignment on entry (any valid
 * labels: a wrong guess only costs the full comparison).
 */
export function jsAssigner(x: Float64Array, n: number, p: number, k: number): Assigner {
  const half = new Float64Array(k);
  const none = new Float64Array(0);
  return {
    async assign(centres, labels) {
      halfGaps(centres, k, p, half);
      assignPruned(x, n, p, k, centres, half, labels, none, none);
    },
    assignAndSum(centres, labels, sums, counts) {
      halfGaps(centres, k, p, half);
      return assignPruned(x, n, p, k, centres, half, labels, sums, counts);
    },
    dispose() {},
  };
}

/** ¼ of the squared distance from each centre to its nearest other centre, shaded down by 1e-9 (0 when k = 1 … ∞). */
function halfGaps(centres: Float64Array, k: number, p: number, out: Float64Array): void {
  out.fill(Infinity);
  for (let a = 0; a < k; a++) {
    for (let b = a + 1; b < k; b++) {
      let d = 0;
      for (let j = 0; j < p; j++) {
        const t = centres[a * p + j] - centres[b * p + j];
        d += t * t;
      }
      const q = (d / 4) * (1 - 1e-9);
      if (q < out[a]) out[a] = q;
      if (q < out[b]) out[b] = q;
    }
  }
}

/**
 * The nearest centre of every row (see jsAssigner), with each row added to `sums` and `counts` of its
 * cluster unless they are empty arrays. Returns the labels changed and Σ squared distances. A function
 * of its own so that the engine optimises it as a whole.
 */
function assignPruned(
  x: Float64Array, n: number, p: number, k: number, centres: Float64Array, half: Float64Array, labels: Int32Array,
  sums: Float64Array, counts: Float64Array,
): { changed: number; distances: number } {
  const summing = counts.length > 0;
  let changed = 0;
  let distances = 0;
  for (let i = 0, o = 0; i < n; i++, o += p) {
    const a = labels[i];
    const oa = a * p;
    let best = a;
    let bestD = 0;
    for (let j = 0; j < p; j++) {
      const t = x[o + j] - centres[oa + j];
      bestD += t * t;
    }
    if (!(bestD < half[a])) {
      best = 0;
      bestD = Infinity;
      for (let c = 0, oc = 0; c < k; c++, oc += p) {
        let d = 0;
        for (let j = 0; j < p; j++) {
          const t = x[o + j] - centres[oc + j];
          d += t * t;
        }
        if (d < bestD) {
          bestD = d;
          best = c;
        }
      }
      if (best !== a) {
        labels[i] = best;
        changed++;
      }
    }
    distances += bestD;
    if (summing) {
      counts[best]++;
      for (let j = 0, b = best * p; j < p; j++) sums[b + j] += x[o + j];
    }
  }
  return { changed, distances };
}

/**
 * TF.js on the active backend. The data is uploaded once, centred on its column means (as sklearn
 * centres it: smaller magnitudes leave float32 more digits for the distance differences) and
 * augmented with a column of ones, as one resident [n, p+1] float32 tensor. Each call uploads the
 * (p+1)×k matrix [−2(C − m); |C − m|²]ᵀ, multiplies (one matMul, the right operand already laid
 * out as [p+1, k]: a transposed operand costs about 4× as much on tfjs-wasm), takes the argMin per
 * row and reads the labels back: one upload, two kernels and one download per Lloyd iteration.
 */
export function tfAssigner(x: Float64Array, n: number, p: number, k: number): Assigner {
  const w = p + 1;
  const mean = new Float64Array(p);
  for (let o = 0; o < n * p; o += p) for (let j = 0; j < p; j++) mean[j] += x[o + j];
  for (let j = 0; j < p; j++) mean[j] /= n;
  const aug = new Float32Array(n * w);
  for (let o = 0, a = 0; o < n * p; o += p, a += w) {
    for (let j = 0; j < p; j++) aug[a + j] = x[o + j] - mean[j];
    aug[a + p] = 1;
  }
  const xt = tf.tensor2d(aug, [n, w], "float32");
  return {
    async assign(centres, labels) {
      const c = new Float32Array(w * k); // fresh each call: some backends upload lazily from it
      for (let r = 0; r < k; r++) {
        let norm = 0;
        for (let j = 0; j < p; j++) {
          const v = centres[r * p + j] - mean[j];
          c[j * k + r] = -2 * v;
          norm += v * v;
        }
        c[p * k + r] = norm;
      }
      const out = tf.tidy(() => tf.argMin(tf.matMul(xt, tf.tensor2d(c, [w, k], "float32")), 1));
      try {
        labels.set(await out.data() as Int32Array);
      } finally {
        out.dispose();
      }
    },
    dispose: () => xt.dispose(),
  };
}

/**
 * "auto" picks the float64 loops on every backend; "tfjs" forces TF.js. Measured on 1M×8, k = 8,
 * the loops assign in a few milliseconds once most rows stay put, while tfjs-wasm needed 60-85 ms
 * to upload the float32 copy and 40-50 ms per assignment; on a real GPU (an H100 through WebGPU,
 * docs/benchmarks.md) the cell took 794 ms with TF.js against 484 ms with the loops.
 */
export function pickAssigner(engine: "auto" | "js" | "tfjs", x: Float64Array, n: number, p: number, k: number): Assigner {
  return engine === "tfjs" ? tfAssigner(x, n, p, k) : jsAssigner(x, n, p, k);
}
