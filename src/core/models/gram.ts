import * as tf from "@tensorflow/tfjs-core";

/**
 * The O(n·p²) products the models need, on the active TF.js backend (WebGPU/WebGL/WASM in the
 * browser, CPU in Node). Inputs are float32 (GPU precision); results come back as float64 for the
 * small p×p solves done in JS.
 */

/** Uploads a row-major n×width float32 matrix. The caller disposes the tensor. */
export function matrixTensor(x32: Float32Array, n: number, width: number): tf.Tensor2D {
  return tf.tensor2d(x32, [n, width], "float32");
}

/**
 * Xᵀ·[X | v₁ … v_k]: the Gram matrix Xᵀ X (width×width) and the cross products Xᵀ v in one matMul.
 * `columns` are extra right-hand columns of length n (e.g. the target). Returns width×(width + k)
 * row-major, read back asynchronously (WebGPU has no synchronous readback).
 */
export async function gramWith(x: tf.Tensor2D, columns: readonly Float32Array[] = []): Promise<Float64Array> {
  const out = tf.tidy(() => {
    const [n] = x.shape;
    const rhs = columns.length ? tf.concat([x, ...columns.map((c) => tf.tensor2d(c, [n, 1], "float32"))], 1) : x;
    return tf.matMul(x, rhs, true, false);
  });
  try {
    return Float64Array.from(await out.data());
  } finally {
    out.dispose();
  }
}

/** Xᵀ·diag(w)·X (width×width, row-major, symmetrised): the Hessian of a weighted least-squares step. */
export async function weightedGram(x: tf.Tensor2D, w: Float32Array): Promise<Float64Array> {
  const out = tf.tidy(() => {
    const [n] = x.shape;
    return tf.matMul(x, tf.mul(x, tf.tensor2d(w, [n, 1], "float32")), true, false);
  });
  try {
    return symmetrise(Float64Array.from(await out.data()), x.shape[1]);
  } finally {
    out.dispose();
  }
}

/** (A + Aᵀ)/2: float32 kernels may sum the two triangles in different orders. */
function symmetrise(a: Float64Array, p: number): Float64Array {
  for (let i = 0; i < p; i++) {
    for (let j = i + 1; j < p; j++) {
      const m = (a[i * p + j] + a[j * p + i]) / 2;
      a[i * p + j] = m;
      a[j * p + i] = m;
    }
  }
  return a;
}

/** The leading width×width block of a width×(width + k) result, symmetrised. */
export function gramBlock(a: Float64Array, width: number, k: number): Float64Array {
  const g = new Float64Array(width * width);
  for (let i = 0; i < width; i++) for (let j = 0; j < width; j++) g[i * width + j] = a[i * (width + k) + j];
  return symmetrise(g, width);
}

/** Column `c` (0-based, after the Gram block) of a width×(width + k) result. */
export function gramColumn(a: Float64Array, width: number, k: number, c: number): Float64Array {
  const v = new Float64Array(width);
  for (let i = 0; i < width; i++) v[i] = a[i * (width + k) + width + c];
  return v;
}
