import * as tf from "@tensorflow/tfjs-core";
import * as tfl from "@tensorflow/tfjs-layers";
import { throwIfCancelled, type CancelSignal } from "../cells/types";
import { mulberry32, shuffledIndices } from "../random";
import { simulatedBands, type MultiForecast } from "./intervals";
import { makeRng } from "./rng";

/** Settings of the LSTM forecaster (every field has a default, see {@link lstmSettings}). */
export interface LstmOptions {
  /** Past values the network sees per step; default 2·m, or 12 without a season. */
  readonly lookback?: number;
  /** LSTM units (default 8). */
  readonly units?: number;
  /** Training epochs (default 30). */
  readonly epochs?: number;
  /** Adam learning rate (default 0.02). */
  readonly learningRate?: number;
  /** Mini-batch size (default 128: one batch per epoch on most sales series). */
  readonly batchSize?: number;
  /** Simulated paths for the bootstrap interval (default 200). */
  readonly paths?: number;
}

/** Progress and cancel for a training run. */
export interface TrainHooks {
  /** Called after every epoch with epoch (1-based), epochs and the mean training loss. */
  readonly onEpoch?: (epoch: number, epochs: number, loss: number) => void;
  /** Checked between epochs; aborting throws CancelledError. */
  readonly signal?: CancelSignal;
}

/** The resolved settings. */
export interface LstmSettings {
  readonly lookback: number;
  readonly units: number;
  readonly epochs: number;
  readonly learningRate: number;
  readonly batchSize: number;
  readonly paths: number;
}

/** Defaults filled in; m is the season length (≤ 1: none). */
export function lstmSettings(m: number, o: LstmOptions = {}): LstmSettings {
  return {
    lookback: o.lookback ?? (m > 1 ? 2 * m : 12),
    units: o.units ?? 8,
    epochs: o.epochs ?? 30,
    learningRate: o.learningRate ?? 0.02,
    batchSize: o.batchSize ?? 128,
    paths: o.paths ?? 200,
  };
}

/**
 * Fewest periods the LSTM accepts: four seasons (48 periods without a season), and always at
 * least lookback + 12 so that there are a dozen training windows.
 */
export function lstmMinLength(m: number, lookback: number): number {
  return Math.max(m > 1 ? 4 * m : 48, lookback + 12);
}

/** A trained network, as plain float64 weights (the TF.js model is disposed after training). */
export interface LstmFit {
  readonly settings: LstmSettings;
  /** Training mean and sd of y (the scaling of the inputs). */
  readonly mean: number;
  readonly sd: number;
  /** kernel [1, 4u], recurrent kernel [u, 4u] (row-major), bias [4u]; gates i, f, c, o as in Keras. */
  readonly kernel: Float64Array;
  readonly recurrent: Float64Array;
  readonly bias: Float64Array;
  /** Dense head: weights [u] and bias. */
  readonly dense: Float64Array;
  readonly denseBias: number;
  /** One-step in-sample residuals y_{t+1} − ŷ_{t+1} over the training windows. */
  readonly residuals: Float64Array;
  /** Mean squared error of the last epoch, on the scaled target. */
  readonly loss: number;
  /** The history it was trained on. */
  readonly y: Float64Array;
  readonly seed: number;
}

/**
 * Trains LSTM(units) + Dense(1) on windows of the last `lookback` values of y, each scaled by the
 * training mean and sd. The network's target is the scaled change to the next value,
 * (y_{t+1} − y_t)/sd, so the forecast is y_t + sd·net(window): the network learns the seasonal
 * and local dynamics while the level is carried by the last value, which keeps a trending series
 * from drifting outside the range the tanh units saw in training. Seeded Glorot
 * initialisers and our own epoch loop over trainOnBatch with a seeded shuffle (model.fit
 * shuffles with Math.random) make a seed reproduce the same network on a given backend.
 */
export async function fitLstm(y: Float64Array, m: number, opts: LstmOptions = {}, seed = 42, hooks: TrainHooks = {}): Promise<LstmFit> {
  const s = lstmSettings(m, opts);
  const n = y.length;
  const min = lstmMinLength(m, s.lookback);
  if (n < min) {
    throw new Error(`LSTM needs at least ${min} periods (${m > 1 ? "four seasons" : "48 periods"} and lookback ${s.lookback} + 12), got ${n}`);
  }
  if (!y.every(Number.isFinite)) throw new Error("LSTM needs finite values in every period");
  let mean = 0;
  for (const v of y) mean += v;
  mean /= n;
  let ss = 0;
  for (const v of y) ss += (v - mean) ** 2;
  const sd = Math.sqrt(ss / n) || 1;
  const L = s.lookback;
  const count = n - L;
  const xs = new Float32Array(count * L);
  const ys = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    for (let j = 0; j < L; j++) xs[i * L + j] = (y[i + j] - mean) / sd;
    ys[i] = (y[i + L] - y[i + L - 1]) / sd;
  }
  const model = tfl.sequential();
  model.add(tfl.layers.lstm({
    units: s.units,
    inputShape: [L, 1],
    recurrentActivation: "sigmoid",
    kernelInitializer: tfl.initializers.glorotUniform({ seed }),
    // orthogonal needs tfjs-core's chained ops (rMat.flatten), which core does not register.
    recurrentInitializer: tfl.initializers.glorotUniform({ seed: seed + 1 }),
    // Zero bias: tfjs-layers 4.22's unitForgetBias leaks four tensors per layer built.
    biasInitializer: "zeros",
  }));
  model.add(tfl.layers.dense({ units: 1, kernelInitializer: tfl.initializers.glorotUniform({ seed: seed + 2 }), biasInitializer: "zeros" }));
  const optimizer = tf.train.adam(s.learningRate);
  model.compile({ optimizer, loss: "meanSquaredError" });
  const xAll = tf.tensor3d(xs, [count, L, 1], "float32");
  const yAll = tf.tensor2d(ys, [count, 1], "float32");
  const rand = mulberry32(seed);
  let loss = NaN;
  try {
    for (let epoch = 1; epoch <= s.epochs; epoch++) {
      if (hooks.signal) throwIfCancelled(hooks.signal);
      const perm = shuffledIndices(count, rand);
      let sum = 0;
      for (let start = 0; start < count; start += s.batchSize) {
        const part = perm.subarray(start, start + s.batchSize);
        const idx = tf.tensor1d(part, "int32");
        const xb = tf.gather(xAll, idx);
        const yb = tf.gather(yAll, idx);
        try {
          sum += ((await model.trainOnBatch(xb, yb)) as number) * part.length;
        } finally {
          tf.dispose([idx, xb, yb]);
        }
      }
      loss = sum / count;
      hooks.onEpoch?.(epoch, s.epochs, loss);
    }
    if (hooks.signal) throwIfCancelled(hooks.signal);
    const lstmW = model.layers[0].getWeights();
    const denseW = model.layers[1].getWeights();
    const read = async (t: tf.Tensor) => Float64Array.from(await t.data());
    const fit: Omit<LstmFit, "residuals"> = {
      settings: s,
      mean,
      sd,
      kernel: await read(lstmW[0]),
      recurrent: await read(lstmW[1]),
      bias: await read(lstmW[2]),
      dense: await read(denseW[0]),
      denseBias: (await read(denseW[1]))[0],
      loss,
      y: Float64Array.from(y),
      seed,
    };
    const residuals = new Float64Array(count);
    const h = new Float64Array(s.units), c = new Float64Array(s.units), z = new Float64Array(4 * s.units);
    for (let i = 0; i < count; i++) residuals[i] = y[i + L] - step(fit, y, i, h, c, z);
    return { ...fit, residuals };
  } finally {
    tf.dispose([xAll, yAll]);
    model.dispose();
    optimizer.dispose();
  }
}

/**
 * The one-step prediction after the window y[start .. start+lookback−1]: the Keras LSTM
 * recursions (sigmoid gates, tanh cell) in float64 on the trained weights, then the Dense head.
 * h, c and z are scratch buffers.
 */
function step(f: Omit<LstmFit, "residuals">, y: ArrayLike<number>, start: number, h: Float64Array, c: Float64Array, z: Float64Array): number {
  const u = f.settings.units;
  const L = f.settings.lookback;
  h.fill(0);
  c.fill(0);
  const sig = (v: number) => 1 / (1 + Math.exp(-v));
  for (let t = 0; t < L; t++) {
    const x = (y[start + t] - f.mean) / f.sd;
    for (let k = 0; k < 4 * u; k++) z[k] = f.bias[k] + x * f.kernel[k];
    for (let j = 0; j < u; j++) {
      const hj = h[j];
      if (hj === 0) continue;
      const row = j * 4 * u;
      for (let k = 0; k < 4 * u; k++) z[k] += hj * f.recurrent[row + k];
    }
    for (let j = 0; j < u; j++) {
      const i = sig(z[j]);
      const fg = sig(z[u + j]);
      const g = Math.tanh(z[2 * u + j]);
      const o = sig(z[3 * u + j]);
      c[j] = fg * c[j] + i * g;
      h[j] = o * Math.tanh(c[j]);
    }
  }
  let out = f.denseBias;
  for (let j = 0; j < u; j++) out += f.dense[j] * h[j];
  return y[start + L - 1] + f.sd * out;
}

/** One-step predictions of the trained network for every window of `y` (for checks against TF.js). */
export function lstmOneStep(f: LstmFit, y: Float64Array): Float64Array {
  const L = f.settings.lookback;
  const u = f.settings.units;
  const h = new Float64Array(u), c = new Float64Array(u), z = new Float64Array(4 * u);
  const out = new Float64Array(Math.max(0, y.length - L + 1));
  for (let i = 0; i + L <= y.length; i++) out[i] = step(f, y, i, h, c, z);
  return out;
}

/**
 * Recursive multi-step forecast: each step's prediction joins the window for the next. Intervals
 * by residual bootstrap: `paths` simulated futures, each step adding a residual drawn (seeded)
 * from the centred in-sample one-step residuals before it feeds the next step; bands are the
 * empirical quantiles per step. They include the noise but not the uncertainty of the weights.
 */
export function lstmForecast(f: LstmFit, horizon: number, levels: readonly number[]): MultiForecast {
  const L = f.settings.lookback;
  const u = f.settings.units;
  const n = f.y.length;
  const h = new Float64Array(u), c = new Float64Array(u), z = new Float64Array(4 * u);
  const buf = new Float64Array(L + horizon);
  const run = (noise: ((k: number) => number) | null): Float64Array => {
    buf.set(f.y.subarray(n - L));
    const out = new Float64Array(horizon);
    for (let k = 0; k < horizon; k++) {
      const v = step(f, buf, k, h, c, z) + (noise ? noise(k) : 0);
      buf[L + k] = v;
      out[k] = v;
    }
    return out;
  };
  const point = run(null);
  const r = f.residuals;
  let rm = 0;
  for (const v of r) rm += v;
  rm /= r.length;
  const rng = makeRng(f.seed);
  const paths: Float64Array[] = [];
  for (let p = 0; p < f.settings.paths; p++) paths.push(run(() => r[Math.min(r.length - 1, Math.floor(rng.uniform() * r.length))] - rm));
  return { point, bands: simulatedBands(paths, horizon, levels) };
}


