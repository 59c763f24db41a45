import * as tf from "@tensorflow/tfjs-core";
import { mulberry32 } from "../steps/types";

/**
 * Random Fourier features (Rahimi & Recht 2007) for the RBF kernel exp(−γ‖x − x′‖²):
 * z(x) = √(2/D) · cos(xW + b) with W ~ N(0, 2γ) (p×D) and b ~ U(0, 2π), so z(x)·z(x′) ≈ k(x, x′).
 * A linear SVM on z approximates a kernel SVM at O(n·D) cost instead of libsvm's O(n²).
 */
export interface FourierMap {
  readonly p: number;
  readonly components: number;
  readonly gamma: number;
  /** p×D row-major, float32 (it is only ever used on the backend). */
  readonly w: Float32Array;
  readonly b: Float32Array;
}

/** Draws the map from `seed` (Box–Muller normals over mulberry32), so a seed reproduces the model. */
export function drawFourierMap(p: number, components: number, gamma: number, seed: number): FourierMap {
  const rand = mulberry32(seed);
  const sd = Math.sqrt(2 * gamma);
  const w = new Float32Array(p * components);
  for (let i = 0; i < w.length; i += 2) {
    const r = Math.sqrt(-2 * Math.log(1 - rand()));
    const a = 2 * Math.PI * rand();
    w[i] = sd * r * Math.cos(a);
    if (i + 1 < w.length) w[i + 1] = sd * r * Math.sin(a);
  }
  const b = Float32Array.from({ length: components }, () => 2 * Math.PI * rand());
  return { p, components, gamma, w, b };
}

/**
 * z(x) for the n×p rows of `x` (row-major), computed on the active backend, with a trailing column
 * of ones when asked (the intercept). Returned as float64 for the float64 objective.
 */
export async function fourierFeatures(map: FourierMap, x: Float64Array, n: number, withOnes: boolean): Promise<Float64Array> {
  const D = map.components;
  const out = tf.tidy(() => {
    const z = tf.mul(
      tf.cos(tf.add(tf.matMul(tf.tensor2d(Float32Array.from(x), [n, map.p]), tf.tensor2d(map.w, [map.p, D])), tf.tensor1d(map.b))),
      Math.sqrt(2 / D),
    );
    return withOnes ? tf.concat([z, tf.ones([n, 1])], 1) : z;
  });
  try {
    return Float64Array.from(await out.data());
  } finally {
    out.dispose();
  }
}

/** scikit-learn's gamma="scale": 1 / (p · Var(X)) over every entry of the training matrix. */
export function scaleGamma(x: Float64Array, p: number): number {
  let m = 0;
  for (const v of x) m += v;
  m /= x.length;
  let s = 0;
  for (const v of x) s += (v - m) ** 2;
  const variance = s / x.length;
  return variance > 0 ? 1 / (p * variance) : 1;
}
