/**
 * Losses for gradient boosting on the raw score F: half squared error (regression) and binary
 * log loss on F = log-odds, with their gradients and hessians (what each tree is fitted to).
 */
import { sigmoid } from "../predict";
import type { Task } from "../algorithm";

export type LossName = "half_squared_error" | "log_loss";

/** A boosting loss. */
export interface BoostingLoss {
  readonly name: LossName;
  /** The hessian when it is the same everywhere (written once, then left alone), else null. */
  readonly constantHessian: number | null;
  /** The constant F₀ that minimises the loss (mean, or log-odds of the base rate). */
  baseline(y: Float64Array): number;
  /**
   * For rows [from, to): writes the gradients (and the hessians unless constant) at raw scores F
   * into g and h, and returns the sum of those rows' loss terms (`mean` turns a total into the loss).
   */
  gradients(y: Float64Array, raw: Float64Array, g: Float64Array, h: Float64Array, from: number, to: number): number;
  /** The loss from the sum of all n rows' terms. */
  mean(sum: number, n: number): number;
  /** Mean loss. */
  loss(y: Float64Array, raw: Float64Array): number;
  /** Raw score → the model's output (identity, or P(class 1)). */
  output(raw: number): number;
}

const average = (y: Float64Array) => y.reduce((s, v) => s + v, 0) / y.length;

const halfSquaredError: BoostingLoss = {
  name: "half_squared_error",
  constantHessian: 1,
  baseline: average,
  gradients(y, raw, g, _h, from, to) {
    let s = 0;
    for (let i = from; i < to; i++) {
      const d = raw[i] - y[i];
      g[i] = d;
      s += d * d;
    }
    return s;
  },
  mean: (sum, n) => sum / (2 * n),
  loss(y, raw) {
    let s = 0;
    for (let i = 0; i < y.length; i++) s += (raw[i] - y[i]) ** 2;
    return s / (2 * y.length);
  },
  output: (raw) => raw,
};

const logLoss: BoostingLoss = {
  name: "log_loss",
  constantHessian: null,
  baseline(y) {
    // Clipped so an all-one-class fold (rejected earlier) cannot give ±Infinity.
    const p = Math.min(1 - 1e-12, Math.max(1e-12, average(y)));
    return Math.log(p / (1 - p));
  },
  gradients(y, raw, g, h, from, to) {
    let s = 0;
    for (let i = from; i < to; i++) {
      const f = raw[i];
      const p = sigmoid(f);
      g[i] = p - y[i];
      h[i] = p * (1 - p);
      s += logLossTerm(f, y[i]);
    }
    return s;
  },
  mean: (sum, n) => sum / n,
  loss(y, raw) {
    let s = 0;
    for (let i = 0; i < y.length; i++) s += logLossTerm(raw[i], y[i]);
    return s / y.length;
  },
  output: sigmoid,
};

/** log(1 + e^F) − y·F, written to stay finite for large |F|. */
function logLossTerm(f: number, y: number): number {
  return (f > 0 ? f + Math.log1p(Math.exp(-f)) : Math.log1p(Math.exp(f))) - y * f;
}

const LOSSES: Record<LossName, BoostingLoss> = { half_squared_error: halfSquaredError, log_loss: logLoss };

/** The loss for a task. */
export function lossFor(task: Task): BoostingLoss {
  return task === "regression" ? halfSquaredError : logLoss;
}

/** A loss by name (what a helper thread is told). */
export function lossNamed(name: LossName): BoostingLoss {
  return LOSSES[name];
}
