import * as tf from "@tensorflow/tfjs-core";
import * as tfl from "@tensorflow/tfjs-layers";
import type { Algorithm } from "./algorithm";
import { dropFeatures, featureColumns, standardizeToFloat32 } from "./design-matrix";
import { parseMlpOptions, type MlpOptions } from "./mlp-options";
import { jsonNumber } from "./summary";
import { throwIfCancelled } from "../cells/types";
import { makeTable, TableError } from "../frame/table";
import { mulberry32 } from "../steps/types";

/** Rows per prediction call: bounds the activations held at once. */
const PREDICT_CHUNK = 8192;

/**
 * Multilayer perceptron with tfjs-layers on the active backend: Dense hidden layers (seeded Glorot
 * initialisers), optional dropout, Adam, MSE (regression, on a standardised target) or binary
 * cross-entropy (classification, sigmoid output). Features are standardised on the training rows.
 * Training is our own epoch loop over trainOnBatch rather than model.fit, because fit shuffles with
 * Math.random and a seeded notebook must re-run to the same network; the loop also gives per-epoch
 * progress, cancel, and early stopping that restores the best weights.
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

    const model = tfl.sequential();
    const dropouts: tfl.layers.Layer[] = [];
    o.hidden.forEach((units, l) => {
      model.add(tfl.layers.dense({
        units, activation: o.activation, inputShape: l === 0 ? [p] : undefined,
        kernelInitializer: tfl.initializers.glorotUniform({ seed: ctx.seed + l }), biasInitializer: "zeros",
      }));
      if (o.dropout > 0) {
        const d = tfl.layers.dropout({ rate: o.dropout, seed: ctx.seed });
        dropouts.push(d);
        model.add(d);
      }
    });
    model.add(tfl.layers.dense({
      units: 1, activation: task === "classification" ? "sigmoid" : "linear",
      kernelInitializer: tfl.initializers.glorotUniform({ seed: ctx.seed + o.hidden.length }), biasInitializer: "zeros",
    }));
    const optimizer = tf.train.adam(o.learningRate);
    const lossName = task === "classification" ? "binaryCrossentropy" : "meanSquaredError";
    model.compile({ optimizer, loss: lossName });

    const xAll = tf.tensor2d(x32, [n, p], "float32");
    const yAll = tf.tensor2d(y32, [n, 1], "float32");
    const valX = nVal ? tf.gather(xAll, Int32Array.from(valIdx)) : undefined;
    const valY = nVal ? tf.gather(yAll, Int32Array.from(valIdx)) : undefined;
    const history: { loss: number; val: number }[] = [];
    let best = { val: Infinity, epoch: 0, weights: undefined as tf.Tensor[] | undefined };
    let step = 0;
    let stoppedEarly = false;
    try {
      for (let epoch = 1; epoch <= o.epochs; epoch++) {
        const perm = shuffled(trainIdx.length, rand).map((i) => trainIdx[i]);
        let lossSum = 0;
        for (let start = 0; start < perm.length; start += o.batchSize) {
          throwIfCancelled(ctx.signal);
          // tfjs-layers' dropout reuses its seed on every call (the same mask each step): vary it per step.
          for (const d of dropouts) (d as unknown as { seed: number }).seed = (ctx.seed + 7919 * ++step) >>> 0;
          const idx = tf.tensor1d(Int32Array.from(perm.slice(start, start + o.batchSize)), "int32");
          const xb = tf.gather(xAll, idx);
          const yb = tf.gather(yAll, idx);
          const batchLoss = (await model.trainOnBatch(xb, yb)) as number;
          tf.dispose([idx, xb, yb]);
          lossSum += batchLoss * Math.min(o.batchSize, perm.length - start);
        }
        const loss = lossSum / perm.length;
        let val = NaN;
        if (valX && valY) {
          const v = model.evaluate(valX, valY) as tf.Scalar;
          val = (await v.data())[0];
          v.dispose();
        }
        history.push({ loss, val });
        ctx.progress(epoch / o.epochs, `epoch ${epoch}/${o.epochs}, loss ${loss.toPrecision(4)}${nVal ? `, validation ${val.toPrecision(4)}` : ""}`);
        if (!nVal) continue;
        if (!Number.isFinite(best.val) ? Number.isFinite(val) : val < best.val - 1e-4 * Math.abs(best.val)) {
          tf.dispose(best.weights ?? []);
          best = { val, epoch, weights: model.getWeights().map((w) => tf.clone(w)) };
        } else if (epoch - best.epoch >= o.patience) {
          stoppedEarly = true;
          break;
        }
      }
      if (best.weights) model.setWeights(best.weights);
    } catch (e) {
      model.dispose();
      optimizer.dispose();
      throw e;
    } finally {
      tf.dispose([xAll, yAll, ...(valX ? [valX, valY!] : []), ...(best.weights ?? [])]);
    }

    const scale = (v: number) => (task === "regression" ? v * yScale + yMean : v);
    const last = history[history.length - 1];
    ctx.progress(1, "done");
    return {
      features: [...train.features],
      async predict(table) {
        const cols = featureColumns(table, train.features).map((c) => c.values);
        const out = new Float64Array(table.nRows);
        for (let s = 0; s < table.nRows; s += PREDICT_CHUNK) {
          const m = Math.min(PREDICT_CHUNK, table.nRows - s);
          const xs = new Float32Array(m * p);
          for (let i = 0; i < m; i++) for (let j = 0; j < p; j++) xs[i * p + j] = (cols[j][s + i] - means[j]) / scales[j];
          const outT = tf.tidy(() => model.predict(tf.tensor2d(xs, [m, p])) as tf.Tensor);
          const vals = await outT.data();
          outT.dispose();
          for (let i = 0; i < m; i++) out[s + i] = Number.isNaN(vals[i]) ? NaN : scale(vals[i]);
        }
        return out;
      },
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
        optimizer.dispose();
      },
    };
  },
};

/** A seeded permutation of 0..n−1 (Fisher–Yates). */
function shuffled(n: number, rand: () => number): number[] {
  const a = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}
