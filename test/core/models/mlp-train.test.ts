import { describe, expect, it } from "vitest";
import * as tf from "@tensorflow/tfjs-core";
import * as tfl from "@tensorflow/tfjs-layers";
import { denseForward, denseLossAndGradient, denseLossSum, transposeRows, type DenseSpec } from "../../../src/core/models/mlp-backprop";
import { mlpAlgorithm } from "../../../src/core/models/mlp";
import { buildDesignMatrix } from "../../../src/core/models";
import { CancelledError } from "../../../src/core/cells/types";
import { makeTable } from "../../../src/core/frame/table";
import { mulberry32 } from "../../../src/core/random";

const ACTIVATIONS = ["relu", "tanh", "sigmoid", "elu"] as const;

/** A 5-3-4-1 layers model like the MLP builds, with seeded random weights (biases too). */
function network(spec: DenseSpec) {
  const model = tfl.sequential();
  model.add(tfl.layers.dense({ units: 3, activation: spec.activation, inputShape: [5], kernelInitializer: tfl.initializers.glorotUniform({ seed: 1 }), biasInitializer: tfl.initializers.randomNormal({ seed: 2 }) }));
  model.add(tfl.layers.dense({ units: 4, activation: spec.activation, kernelInitializer: tfl.initializers.glorotUniform({ seed: 3 }), biasInitializer: tfl.initializers.randomNormal({ seed: 4 }) }));
  model.add(tfl.layers.dense({ units: 1, activation: spec.task === "classification" ? "sigmoid" : "linear", kernelInitializer: tfl.initializers.glorotUniform({ seed: 5 }) }));
  return model;
}

function batch(rows: number, classification: boolean) {
  const rand = mulberry32(9);
  const x = tf.tensor2d(Float32Array.from({ length: rows * 5 }, () => 4 * rand() - 2), [rows, 5]);
  const y = tf.tensor2d(Float32Array.from({ length: rows }, () => (classification ? (rand() < 0.4 ? 1 : 0) : 2 * rand() - 1)), [rows, 1]);
  return { x, y };
}

function maxAbsDiff(a: tf.Tensor, b: tf.Tensor): number {
  return tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]);
}

describe("MLP backward pass (written out, not autodiff)", () => {
  for (const task of ["regression", "classification"] as const) {
    for (const activation of ACTIVATIONS) {
      it(`${task}, ${activation}: the forward pass is the layers model's, the gradients are autodiff's (with dropout masks)`, () => {
        const spec: DenseSpec = { activation, task };
        const model = network(spec);
        const { x, y } = batch(13, task === "classification");
        const weights = model.getWeights();
        const before = tf.memory().numTensors;
        tf.tidy(() => {
          expect(maxAbsDiff(denseForward(weights, x, spec).out, model.predict(x) as tf.Tensor)).toBeLessThan(1e-6);
          const rand = mulberry32(3);
          const masks = [[13, 3], [13, 4]].map(([r, c]) => tf.tensor2d(Float32Array.from({ length: r * c }, () => (rand() < 0.3 ? 0 : 1 / 0.7)), [r, c]));
          const meanLoss = (...w: tf.Tensor[]) => tf.div(tf.sum(denseLossSum(denseForward(w, x, spec, masks).out, y, task)), 13);
          const expected = tf.grads(meanLoss)(weights);
          const { lossSum, gradient } = denseLossAndGradient(weights, x, y, spec, masks);
          expect(maxAbsDiff(tf.div(tf.sum(lossSum), 13), meanLoss(...weights))).toBeLessThan(1e-6);
          // Laid out as the weights flattened one after another (kernel, bias per layer).
          expect(gradient.shape).toEqual([weights.reduce((s, w) => s + w.size, 0)]);
          // Cross-entropy's clip makes autodiff's slope zero only where p is within 1e-7 of 0 or 1; not the case here.
          expect(maxAbsDiff(gradient, tf.concat(expected.map((g) => tf.reshape(g, [-1]))))).toBeLessThan(1e-5);
        });
        expect(tf.memory().numTensors).toBe(before);
        tf.dispose([x, y]);
        model.dispose();
      });
    }
  }

  it("transposeRows equals tf.transpose, through the 3-D view and without it", () => {
    for (const [r, c] of [[512, 64], [512, 20], [256, 64], [160, 64], [3, 2]]) {
      const a = tf.tensor2d(Float32Array.from({ length: r * c }, (_, i) => i), [r, c]);
      const t = transposeRows(a);
      expect(t.shape).toEqual([c, r]);
      expect(maxAbsDiff(t, tf.transpose(a))).toBe(0);
      tf.dispose([a, t]);
    }
  });
});

describe("MLP training loop", () => {
  function regressionDesign(n: number) {
    const rand = mulberry32(4);
    const cols = Array.from({ length: 6 }, () => Float64Array.from({ length: n }, () => 2 * rand() - 1));
    const y = Float64Array.from({ length: n }, (_, i) => Math.sin(3 * cols[0][i]) + cols[1][i] * cols[2][i] + 0.1 * rand());
    const table = makeTable([...cols.map((values, j) => ({ name: `x${j}`, type: "number" as const, values })), { name: "y", type: "number" as const, values: y }]);
    return buildDesignMatrix(table, { features: cols.map((_, j) => `x${j}`), y, rows: Array.from({ length: n }, (_, i) => i) });
  }

  it("lets a Cancel that arrives on the event loop stop training mid-epoch, and frees every tensor", async () => {
    const design = regressionDesign(20_000);
    const before = tf.memory().numTensors;
    const signal = { aborted: false };
    const messages: string[] = [];
    const started = Date.now();
    // The flag is set by a timer: it only fires if the loop yields to the event loop.
    setTimeout(() => (signal.aborted = true), 300);
    const o = mlpAlgorithm.parseOptions({ hidden: [32, 32], epochs: 1000, batchSize: 64, dropout: 0.1 }, "params");
    await expect(mlpAlgorithm.fit(design, "regression", o, { seed: 1, signal, progress: (_f, m) => void messages.push(m ?? "") })).rejects.toBeInstanceOf(CancelledError);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(tf.memory().numTensors).toBe(before);
  });

  it("re-runs to the same predictions and loss curve with a validation share and early stopping, back to the numTensors baseline", async () => {
    const design = regressionDesign(3000);
    const table = makeTable(design.features.map((name, j) => ({ name, type: "number" as const, values: Float64Array.from({ length: 50 }, (_, i) => (i / 25 - 1) * (j + 1) / 6) })));
    const o = mlpAlgorithm.parseOptions({ hidden: [16, 8], epochs: 60, batchSize: 128, learningRate: 0.01, validationFraction: 0.2, patience: 3 }, "params");
    const before = tf.memory().numTensors;
    const fit = async () => {
      const m = await mlpAlgorithm.fit(design, "regression", o, { seed: 7, signal: { aborted: false }, progress: () => {} });
      const out = { loss: m.extras.loss.columns.map((c) => Array.from(c.values as Float64Array)), fit: m.summary.fit, predictions: await m.predict(table) };
      m.dispose();
      return out;
    };
    const a = await fit();
    expect(tf.memory().numTensors).toBe(before);
    expect(await fit()).toEqual(a);
    expect(tf.memory().numTensors).toBe(before);
    const summary = a.fit as { stoppedEarly: boolean; bestEpoch: number; epochs: number; validationLoss: number };
    const valLoss = a.loss[2];
    expect(summary.stoppedEarly).toBe(true);
    expect(summary.epochs).toBe(valLoss.length);
    expect(summary.bestEpoch).toBe(valLoss.length - o.patience);
    // The model keeps the best epoch's weights, and reports that epoch's validation loss.
    expect(summary.validationLoss).toBe(valLoss[summary.bestEpoch - 1]);
  });
});
