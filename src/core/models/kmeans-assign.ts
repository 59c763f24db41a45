import * as tf from "@tensorflow/tfjs-core";

/**
 * The assignment step of Lloyd's algorithm (nearest centre per row), the O(n·k·p) part of k-means.
 * Two engines: plain float64 loops, and TF.js on the active backend. The TF.js form is the tuned
 * one measured in browser-baselines.md: a single matMul of [X, 1] against [−2C, |C|²]ᵀ gives
 * |c|² − 2x·c, whose argMin is the nearest centre (|x|² is the same for every centre, so it is
 * left out). Centre updates stay in float64 JS: they are O(n·p) and exactness matters there.
 */
export interface Assigner {
  /** Writes the nearest centre of every row into `labels`. */
  assign(centres: Float64Array, labels: Int32Array): Promise<void>;
  dispose(): void;
}

/** Float64 loops: exact, and faster than TF.js's CPU backend (see docs/models.md for timings). */
export function jsAssigner(x: Float64Array, n: number, p: number, k: number): Assigner {
  return {
    async assign(centres, labels) {
      for (let i = 0; i < n; i++) {
        const o = i * p;
        let best = 0;
        let bestD = Infinity;
        for (let c = 0; c < k; c++) {
          const oc = c * p;
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
        labels[i] = best;
      }
    },
    dispose() {},
  };
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

/** "auto" picks TF.js on accelerated backends (webgpu, webgl, wasm) and float64 loops on "cpu". */
export function pickAssigner(engine: "auto" | "js" | "tfjs", x: Float64Array, n: number, p: number, k: number): Assigner {
  const useTf = engine === "tfjs" || (engine === "auto" && ["webgpu", "webgl", "wasm"].includes(tf.getBackend()));
  return useTf ? tfAssigner(x, n, p, k) : jsAssigner(x, n, p, k);
}
