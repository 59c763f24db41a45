import * as tf from "@tensorflow/tfjs-core";
import type { Task } from "./algorithm";
import type { MlpOptions } from "./mlp-options";

/**
 * Forward and backward passes of the MLP's dense stack, written out with core ops instead of
 * autodiff. On the WASM backend autodiff is slow here for two reasons measured with
 * `tf.profile` (Node, tfjs 4.22, batch 512, 20-64-64-1): the gradients of matMul use transposed
 * operands (`matMul(a, b, true, false)`), which miss XNNPACK and take 1.3 ms for 512×64×64
 * against 0.13 ms untransposed; and `sum(dz, 0)` for a bias gradient takes 0.17 ms against
 * 0.01 ms as `ones · dz`. Here every product is untransposed, with explicit transposes of
 * the (small) operands instead.
 */

/** What the passes need to know of the network besides its weights. */
export interface DenseSpec {
  /** Hidden layers' activation (every hidden layer has the same one). */
  readonly activation: MlpOptions["activation"];
  /** Regression: linear output, mean squared error; classification: sigmoid, binary cross-entropy. */
  readonly task: Task;
}

/** Probabilities are clipped to [ε, 1 − ε] in the cross-entropy, as tfjs-layers does. */
const BCE_EPSILON = 1e-7;

/**
 * The output of a dense stack for `x` (weights in `model.getWeights()` order: kernel, bias per
 * layer). `masks[l]`, when given, multiplies hidden layer l's activations (dropout: 0 or
 * 1/(1 − rate)). Returns every layer's input (after dropout), the pre-dropout activations of the
 * hidden layers and the output. Call inside `tf.tidy`.
 */
export function denseForward(weights: readonly tf.Tensor[], x: tf.Tensor2D, spec: DenseSpec, masks?: readonly tf.Tensor2D[]) {
  const nLayers = weights.length / 2;
  const inputs: tf.Tensor2D[] = [x];
  const activations: tf.Tensor2D[] = [];
  let out: tf.Tensor2D = x;
  for (let l = 0; l < nLayers; l++) {
    const isOutput = l === nLayers - 1;
    const activation = isOutput ? (spec.task === "classification" ? "sigmoid" : "linear") : spec.activation;
    const a = inputs[l];
    const w = weights[2 * l] as tf.Tensor2D, bias = weights[2 * l + 1];
    // tanh is not among the fused activations.
    const product = tf.fused.matMul({ a, b: w, bias, activation: activation === "tanh" ? "linear" : activation }) as tf.Tensor2D;
    const z = activation === "tanh" ? tf.tanh(product) : product;
    if (isOutput) {
      out = z;
    } else {
      activations.push(z);
      inputs.push(masks ? tf.mul<tf.Tensor2D>(z, masks[l]) : z);
    }
  }
  return { inputs, activations, out };
}

/** Summed loss over the rows of `out` against `y` ([rows, 1] each), as a [1, 1] tensor. */
export function denseLossSum(out: tf.Tensor2D, y: tf.Tensor2D, task: Task): tf.Tensor {
  if (task === "regression") {
    const diff = tf.sub(out, y);
    return tf.matMul(tf.reshape(diff, [1, -1]), diff);
  }
  const p = tf.clipByValue(out, BCE_EPSILON, 1 - BCE_EPSILON);
  const rowLoss = tf.add(tf.mul(y, tf.log(p)), tf.mul(tf.sub(1, y), tf.log(tf.sub(1, p))));
  return tf.neg(tf.reshape(tf.sum(rowLoss), [1, 1]));
}

/**
 * The summed loss of a batch and the gradient of its mean loss (what Adam steps on), as one flat
 * vector laid out like the weights: kernel then bias of each layer, row-major (the order of
 * `model.getWeights()`, each flattened). Call inside `tf.tidy`.
 */
export function denseLossAndGradient(
  weights: readonly tf.Tensor[], x: tf.Tensor2D, y: tf.Tensor2D, spec: DenseSpec, masks?: readonly tf.Tensor2D[],
): { lossSum: tf.Tensor; gradient: tf.Tensor1D } {
  const rows = x.shape[0];
  const { inputs, activations, out } = denseForward(weights, x, spec, masks);
  const diff = tf.sub(out, y);
  const lossSum = spec.task === "regression" ? tf.matMul(tf.reshape(diff, [1, -1]), diff) : denseLossSum(out, y, spec.task);
  // d(mean loss)/d(output pre-activation): 2(ŷ − y)/rows for MSE; (p − y)/rows for a sigmoid with cross-entropy.
  let dz: tf.Tensor2D = tf.mul(diff, (spec.task === "regression" ? 2 : 1) / rows);
  const ones = tf.ones([1, rows]);
  const blocks: tf.Tensor1D[] = new Array(weights.length / 2);
  for (let l = blocks.length - 1; l >= 0; l--) {
    // [aᵀ; 1] · dz stacks the kernel's gradient (aᵀ·dz) on the bias's (Σ rows of dz): one product,
    // already in the kernel-then-bias layout of the flat weights.
    blocks[l] = tf.reshape(tf.matMul(tf.concat([transposeRows(inputs[l]), ones], 0), dz), [-1]);
    if (l === 0) break;
    let da = tf.matMul(dz, tf.transpose(weights[2 * l] as tf.Tensor2D));
    if (masks) da = tf.mul(da, masks[l - 1]);
    dz = tf.mul(da, activationSlope(activations[l - 1], spec.activation));
  }
  return { lossSum, gradient: tf.concat(blocks) };
}

/** f′ of the hidden activation, written in terms of its output a = f(z). */
function activationSlope(a: tf.Tensor2D, activation: DenseSpec["activation"]): tf.Tensor2D {
  switch (activation) {
    case "relu": return tf.step(a);
    case "tanh": return tf.sub(1, tf.square(a));
    case "sigmoid": return tf.mul(a, tf.sub(1, a));
    // elu: 1 where z > 0 (a > 0), e^z = a + 1 elsewhere.
    case "elu": return tf.add(tf.minimum(a, 0), 1);
  }
}

/**
 * `a` ([rows, k]) transposed. The WASM backend's 2-D transpose slows down about sixfold when the
 * row count is a multiple of a large power of two (cache aliasing: 0.16 ms for 512×64 against
 * 0.03 ms for 500×64); the same transpose through a 3-D view takes 0.025 ms. Same values either way.
 */
export function transposeRows(a: tf.Tensor2D): tf.Tensor2D {
  const [rows, k] = a.shape;
  if (rows % 128 !== 0 || rows * k < 8192) return tf.transpose(a);
  return tf.reshape(tf.transpose(tf.reshape(a, [4, rows / 4, k]), [2, 0, 1]), [k, rows]);
}
