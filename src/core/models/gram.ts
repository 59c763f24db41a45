import * as tf from "@tensorflow/tfjs-core";

/**
 * The O(n·p²) products the models need, on the active TF.js backend (WebGPU/WebGL/WASM in the
 * browser, CPU in Node). Inputs are float32 (GPU precision); results come back as float64 for the
 * small p×p solves done in JS.
 */

/**
 * Where the linear models form their O(n·p²) products: "tfjs" (float32 tf.matMul on the active
 * backend) or "js" (float64 loops in gram-js.ts). On wasm and cpu the JS loops are faster and need
 * no float32 copy or upload (measured in docs/models.md), so TF.js is used on the GPU backends only.
 */
export type ProductEngine = "tfjs" | "js";

/** The engine asked for, else the one that suits the active backend. */
export function productEngine(requested?: ProductEngine): ProductEngine {
  if (requested) return requested;
  const backend = tf.getBackend();
  return backend === "webgl" || backend === "webgpu" ? "tfjs" : "js";
}

/** Uploads a row-major n×width float32 matrix. The caller disposes the tensor. */
export function matrixTensor(x32: Float32Array, n: number, width: number): tf.Tensor2D {
  return tf.tensor2d(x32, [n, width], "float32");
}

/**
 * Xᵀ as its own width×n tensor, for callers that form several products with X (the caller
 * disposes it). The products below multiply an explicit Xᵀ rather than asking matMul to transpose
 * its left operand: on tfjs-wasm, matMul(a, b, transposeA) over a million rows took 5× as long as
 * transposing first and multiplying plainly (400 vs 70 + 75 ms for 1M × 21).
 */
export function transposed(x: tf.Tensor2D): tf.Tensor2D {
  return tf.transpose(x);
}

/**
 * Xᵀ·[X | v₁ … v_k]: the Gram matrix Xᵀ X (width×width) and the cross products Xᵀ v.
 * `columns` are extra right-hand columns of length n (e.g. the target). Returns width×(width + k)
 * row-major, read back asynchronously (WebGPU has no synchronous readback). `xT`: Xᵀ when the
 * caller already has it.
 */
export async function gramWith(x: tf.Tensor2D, columns: readonly Float32Array[] = [], xT?: tf.Tensor2D): Promise<Float64Array> {
  const [n, width] = x.shape;
  const k = columns.length;
  const [gram, cross] = tf.tidy(() => {
    const t = xT ?? transposed(x);
    const v = k === 1 ? columns[0] : interleave(columns, n);
    return [tf.matMul(t, x), k ? tf.matMul(t, tf.tensor2d(v, [n, k], "float32")) : undefined] as const;
  });
  try {
    const g = await gram.data();
    const c = cross ? await cross.data() : new Float32Array(0);
    const out = new Float64Array(width * (width + k));
    for (let i = 0; i < width; i++) {
      for (let j = 0; j < width; j++) out[i * (width + k) + j] = g[i * width + j];
      for (let j = 0; j < k; j++) out[i * (width + k) + width + j] = c[i * k + j];
    }
    return out;
  } finally {
    gram.dispose();
    cross?.dispose();
  }
}

/** Columns of length n as one row-major n×k array. */
function interleave(columns: readonly Float32Array[], n: number): Float32Array {
  const k = columns.length;
  const out = new Float32Array(n * k);
  columns.forEach((c, j) => {
    for (let i = 0; i < n; i++) out[i * k + j] = c[i];
  });
  return out;
}

/**
 * Xᵀ·diag(w)·X (width×width, row-major, symmetrised): the Hessian of a weighted least-squares step,
 * as (Xᵀ scaled by w) · X. `xT`: Xᵀ when the caller keeps it across iterations.
 */
export async function weightedGram(x: tf.Tensor2D, w: Float32Array, xT?: tf.Tensor2D): Promise<Float64Array> {
  const out = tf.tidy(() => {
    const [n] = x.shape;
    return tf.matMul(tf.mul(xT ?? transposed(x), tf.tensor2d(w, [1, n], "float32")), x);
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
