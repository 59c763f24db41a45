import * as tf from "@tensorflow/tfjs-core";
import * as tfl from "@tensorflow/tfjs-layers";
import type { Algorithm, Predictor, SavedParameters, Task } from "./algorithm";
import { dropFeatures, featureColumns, standardizeToFloat32 } from "./design-matrix";
import { parseMlpOptions, type MlpOptions } from "./mlp-options";
import { jsonNumber } from "./summary";
import { inferenceRows, trainNetwork } from "./mlp-train";
import { makeTable, TableError, type Table } from "../frame/table";
import { SavedModelError, savedChoice, savedFiniteArray, savedNumber, savedSizes } from "./saved-parameters";
import { mulberry32 } from "../steps/types";

/** Rows per prediction call: bounds the activations held at once. */
const PREDICT_CHUNK = 8192;

/**
 * Multilayer perceptron with tfjs-layers on the active backend: Dense hidden layers (seeded Glorot
 * initialisers), optional dropout, Adam, MSE (regression, on a standardised target) or binary
 * cross-entropy (classification, sigmoid output). Features are standardised on the training rows.
 * The layers model defines the network, holds its weights and predicts; training is our own loop
 * (mlp-train.ts) rather than model.fit, because fit shuffles with Math.random and a seeded notebook
 * must re-run to the same network, and rather than trainOnBatch, which is about 4x slower per step
 * on the WASM backend. The loop gives per-epoch progress, cancel, and early stopping that restores
 * the best weights.
 */
export const mlpAlgorithm: Algorithm<MlpOptions> = {
  id: "mlp",
  title: "Neural network (MLP)",
  tasks: ["regression", "classification"],
  parseOptions: parseMlpOptions,
  async fit(design, task, o, ctx) {
    // A feature constant in training gets untrained random weights, which would swing predictions
    // on rows where it varies: drop it, as the other algorithms do.
    const train = design.constantFeatures.length ? dropFeatures(design, design.constantFeatures) : design;
    const { n, p } = train;
    if (p === 0) throw new TableError("Every feature is constant; nothing to learn from");
    if (n < 2) throw new TableError("A neural network needs at least 2 training rows");
    const { x32, means, scales } = standardizeToFloat32(train, false);
    let yMean = 0, yScale = 1;
    if (task === "regression") {
      yMean = train.y.reduce((s, v) => s + v, 0) / n;
      yScale = Math.sqrt(train.y.reduce((s, v) => s + (v - yMean) ** 2, 0) / n) || 1;
    }
    const y32 = Float32Array.from(train.y, (v) => (v - yMean) / yScale);
    const rand = mulberry32(ctx.seed);
    const order = shuffled(n, rand);
    const nVal = o.validationFraction > 0 ? Math.min(n - 1, Math.max(1, Math.round(n * o.validationFraction))) : 0;
    const trainIdx = order.slice(0, n - nVal);
    const valIdx = order.slice(n - nVal);

    const { model } = buildNetwork(p, o.hidden, o.activation, o.dropout, task, ctx.seed);
    const lossName = task === "classification" ? "binaryCrossentropy" : "meanSquaredError";
    let run: Awaited<ReturnType<typeof trainNetwork>>;
    try {
      run = await trainNetwork(model, { x: x32, y: y32, p, trainIdx, valIdx }, { ...o, task }, ctx, rand);
    } catch (e) {
      model.dispose();
      throw e;
    }
    const { history, stoppedEarly } = run;
    const best = { epoch: run.bestEpoch, val: run.bestVal };

    const last = history[history.length - 1];
    ctx.progress(1, "done");
    const scaling: Scaling = { means: Float64Array.from(means), scales: Float64Array.from(scales), yMean, yScale, task };
    return {
      features: [...train.features],
      predict: (table) => predictNetwork(model, scaling, train.features, table),
      save: async () => saveNetwork(model, scaling, o),
      savedBytes: 4 * model.countParams(),
      summary: {
        fit: {
          hidden: [...o.hidden], activation: o.activation, dropout: o.dropout, loss: lossName,
          epochs: history.length, bestEpoch: nVal ? best.epoch : history.length, stoppedEarly,
          trainLoss: jsonNumber(last.loss), validationLoss: jsonNumber(nVal ? best.val : NaN), validationRows: nVal,
          parameters: model.countParams(),
        },
      },
      extras: {
        loss: makeTable([
          { name: "epoch", type: "number", values: Float64Array.from(history, (_, i) => i + 1) },
          { name: "loss", type: "number", values: Float64Array.from(history, (h) => h.loss) },
          { name: "val_loss", type: "number", values: Float64Array.from(history, (h) => h.val) },
        ]),
      },
      warnings: design.constantFeatures.length ? [`Dropped constant features ${design.constantFeatures.join(", ")}`] : [],
      dispose() {
        model.dispose();
      },
    };
  },
  async restore(saved, features, task) {
    const p = features.length;
    const hidden = savedSizes(saved, "hidden", 4096);
    const activation = savedChoice(saved, "activation", ["relu", "tanh", "sigmoid", "elu"] as const);
    const scaling: Scaling = {
      means: savedFiniteArray(saved, "means", "Float64Array", p),
      scales: savedFiniteArray(saved, "scales", "Float64Array", p),
      yMean: savedNumber(saved, "yMean"), yScale: savedNumber(saved, "yScale"), task,
    };
    // Dropout only acts in training, so the restored network leaves it out.
    const { model } = buildNetwork(p, hidden, activation, 0, task, 0);
    const shapes = model.getWeights().map((w) => w.shape);
    const weights = shapes.map((shape, k) => {
      const size = shape.reduce((a, b) => a * b, 1);
      return tf.tensor(savedFiniteArray(saved, `weight${k}`, "Float32Array", size), shape, "float32");
    });
    if (saved.arrays[`weight${shapes.length}`]) {
      model.dispose();
      tf.dispose(weights);
      throw new SavedModelError(`parameters.arrays holds more weights than a ${hidden.join("-")} network has`);
    }
    model.setWeights(weights);
    tf.dispose(weights);
    return {
      predict: (table) => predictNetwork(model, scaling, features, table),
      dispose: () => model.dispose(),
    };
  },
};

/** Feature standardisation and (regression) target scaling: what maps rows in and outputs back. */
interface Scaling {
  readonly means: Float64Array;
  readonly scales: Float64Array;
  readonly yMean: number;
  readonly yScale: number;
  readonly task: Task;
}

/** Dense hidden layers (seeded Glorot initialisers), optional dropout after each, one output unit. */
function buildNetwork(p: number, hidden: readonly number[], activation: MlpOptions["activation"], dropout: number, task: Task, seed: number) {
  const model = tfl.sequential();
  const dropouts: tfl.layers.Layer[] = [];
  hidden.forEach((units, l) => {
    model.add(tfl.layers.dense({
      units, activation, inputShape: l === 0 ? [p] : undefined,
      kernelInitializer: tfl.initializers.glorotUniform({ seed: seed + l }), biasInitializer: "zeros",
    }));
    if (dropout > 0) {
      const d = tfl.layers.dropout({ rate: dropout, seed });
      dropouts.push(d);
      model.add(d);
    }
  });
  model.add(tfl.layers.dense({
    units: 1, activation: task === "classification" ? "sigmoid" : "linear",
    kernelInitializer: tfl.initializers.glorotUniform({ seed: seed + hidden.length }), biasInitializer: "zeros",
  }));
  return { model, dropouts };
}

/** Predictions for every row of `table`, in chunks (NaN where a feature is missing). */
async function predictNetwork(model: tfl.Sequential, scaling: Scaling, features: readonly string[], table: Table): Promise<Float64Array> {
  const { means, scales, yMean, yScale, task } = scaling;
  const cols = featureColumns(table, features).map((c) => c.values);
  const p = cols.length;
  const widest = Math.max(...model.getWeights().map((w) => w.shape[w.shape.length - 1]));
  const out = new Float64Array(table.nRows);
  for (let s = 0; s < table.nRows; s += PREDICT_CHUNK) {
    const m = Math.min(PREDICT_CHUNK, table.nRows - s);
    const xs = new Float32Array(m * p);
    // Rows with a missing feature are marked here: NaN does not survive every backend's kernels
    // (on WebGPU such rows came out as probability 0).
    const missing = new Uint8Array(m);
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < p; j++) {
        const v = cols[j][s + i];
        if (Number.isNaN(v)) missing[i] = 1;
        xs[i * p + j] = (v - means[j]) / scales[j];
      }
    }
    // Batches of thousands of rows: predict's default batch of 32 made 100,000 rows take about 3 s.
    const outT = tf.tidy(() => model.predict(tf.tensor2d(xs, [m, p]), { batchSize: inferenceRows(widest) }) as tf.Tensor);
    const vals = await outT.data();
    outT.dispose();
    for (let i = 0; i < m; i++) out[s + i] = missing[i] || Number.isNaN(vals[i]) ? NaN : task === "regression" ? vals[i] * yScale + yMean : vals[i];
  }
  return out;
}

/** The network's weights (weight0, weight1, … in getWeights order) with its shape and scaling. */
async function saveNetwork(model: tfl.Sequential, scaling: Scaling, o: MlpOptions): Promise<SavedParameters> {
  const arrays: Record<string, Float32Array> = {};
  const weights = model.getWeights();
  for (let k = 0; k < weights.length; k++) arrays[`weight${k}`] = Float32Array.from(await weights[k].data());
  return {
    state: { hidden: [...o.hidden], activation: o.activation, yMean: scaling.yMean, yScale: scaling.yScale },
    arrays: { ...arrays, means: scaling.means, scales: scaling.scales },
  };
}

/** A seeded permutation of 0..n−1 (Fisher–Yates). */
function shuffled(n: number, rand: () => number): number[] {
  const a = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}
