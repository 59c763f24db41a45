/**
 * Losses for gradient boosting on the raw score F: half squared error (regression) and binary
 * log loss on F = log-odds, with their gradients and hessians (what each tree is fitted to).
 */
import { sigmoid } from "../predict";
import type { Task } from "../algorithm";

/** A boosting loss. */
export interface BoostingLoss {
  readonly name: "half_squared_error" | "log_loss";
  /** The constant F₀ that minimises the loss (mean, or log-odds of the base rate). */
  baseline(y: Float64Array): number;
  /** Writes gradient and hessian of the loss at raw scores F into g and h. */
  gradients(y: Float64Array, raw: Float64Array, g: Float64Array, h: Float64Array): void;
  /** Mean loss. */
  loss(y: Float64Array, raw: Float64Array): number;
  /** Raw score → the model's output (identity, or P(class 1)). */
  output(raw: number): number;
}

const mean = (y: Float64Array) => y.reduce((s, v) => s + v, 0) / y.length;

const halfSquaredError: BoostingLoss = {
  name: "half_squared_error",
  baseline: mean,
  gradients(y, raw, g, h) {
    for (let i = 0; i < y.length; i++) { g[i] = raw[i] - y[i]; h[i] = 1; }
  },
  loss(y, raw) {
    let s = 0;
    for (let i = 0; i < y.length; i++) s += (raw[i] - y[i]) ** 2;
    return s / (2 * y.length);
  },
  output: (raw) => raw,
};

const logLoss: BoostingLoss = {
  name: "log_loss",
  baseline(y) {
    // Clipped so an all-one-class fold (rejected earlier) cannot give ±Infinity.
    const p = Math.min(1 - 1e-12, Math.max(1e-12, mean(y)));
    return Math.log(p / (1 - p));
  },
  gradients(y, raw, g, h) {
    for (let i = 0; i < y.length; i++) {
      const p = sigmoid(raw[i]);
      g[i] = p - y[i];
      h[i] = p * (1 - p);
    }
  },
  loss(y, raw) {
    // log(1 + e^F) − y·F, written to stay finite for large |F|.
    let s = 0;
    for (let i = 0; i < y.length; i++) {
      const f = raw[i];
      s += (f > 0 ? f + Math.log1p(Math.exp(-f)) : Math.log1p(Math.exp(f))) - y[i] * f;
    }
    return s / y.length;
  },
  output: sigmoid,
};

/** The loss for a task. */
export function lossFor(task: Task): BoostingLoss {
  return task === "regression" ? halfSquaredError : logLoss;
}
