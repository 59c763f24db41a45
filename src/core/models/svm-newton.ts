import * as tf from "@tensorflow/tfjs-core";
import { throwIfCancelled, type CancelSignal } from "../cells/types";
import { weightedGram } from "./gram";
import { cholesky, choleskySolve } from "./linalg";

/** A squared SVM loss: both are piecewise quadratic, so their generalised Hessian exists everywhere. */
export type SvmLoss = { readonly kind: "squared-hinge" } | { readonly kind: "squared-epsilon"; readonly epsilon: number };

/** The primal problem: min ½ Σ penaltyⱼ θⱼ² + C Σᵢ loss(yᵢ, xᵢ·θ). */
export interface PrimalProblem {
  /** Float32 n×width design on the active backend (last column the intercept's ones). */
  readonly tensor: tf.Tensor2D;
  /** The same values in float64, row-major (the objective and gradient are summed in float64). */
  readonly x: Float64Array;
  readonly n: number;
  readonly width: number;
  /** ±1 labels (squared hinge) or targets (squared ε-insensitive). */
  readonly y: Float64Array;
  /** Per-coefficient L2 weight (0 for the intercept). */
  readonly penalty: Float64Array;
  readonly C: number;
  readonly loss: SvmLoss;
}

/** Solver settings. */
export interface NewtonOptions {
  readonly maxIter: number;
  /** Stop when no coefficient moves more than this. */
  readonly tol?: number;
  readonly signal?: CancelSignal;
  readonly onIteration?: (iteration: number, objective: number) => void;
}

/** The solution and how it was reached. */
export interface PrimalSolution {
  readonly theta: Float64Array;
  readonly objective: number;
  readonly iterations: number;
  readonly converged: boolean;
  /** Rows with non-zero loss at the optimum (the support vectors of the primal). */
  readonly active: number;
}

/**
 * Primal Newton method for L2-regularised squared-hinge / squared ε-insensitive SVMs (Chapelle
 * 2007, "Training a support vector machine in the primal"; liblinear's primal solvers). Why not
 * SGD: these losses are once differentiable with a piecewise-constant Hessian, so Newton reaches
 * the exact optimum in ~10 steps, with no learning rate to tune, and from the same objective
 * scikit-learn's LinearSVC/LinearSVR solve. The Hessian Xᵀ·diag(active)·X is the O(n·width²)
 * part and runs as one matMul on the active backend; gradient, objective and line search stay in
 * float64 JS so the stopping point is the true optimum, not a float32 approximation.
 */
export async function solvePrimal(problem: PrimalProblem, options: NewtonOptions): Promise<PrimalSolution> {
  const { x, n, width, y, penalty, C, loss } = problem;
  const { maxIter, tol = 1e-8, signal, onIteration } = options;
  const theta = new Float64Array(width);
  const margins = new Float64Array(n);
  const evaluate = (th: Float64Array, grad?: Float64Array, curvature?: Float32Array): number => {
    let obj = 0;
    for (let j = 0; j < width; j++) obj += 0.5 * penalty[j] * th[j] * th[j];
    for (let i = 0; i < n; i++) {
      let o = 0;
      const off = i * width;
      for (let j = 0; j < width; j++) o += x[off + j] * th[j];
      margins[i] = o;
      // d = derivative of the row's loss with respect to its output o.
      let d = 0;
      if (loss.kind === "squared-hinge") {
        const m = 1 - y[i] * o;
        if (m > 0) {
          obj += C * m * m;
          d = -2 * C * y[i] * m;
        }
      } else {
        const r = o - y[i];
        const a = Math.abs(r) - loss.epsilon;
        if (a > 0) {
          obj += C * a * a;
          d = 2 * C * a * Math.sign(r);
        }
      }
      if (curvature) curvature[i] = d !== 0 ? 2 * C : 0;
      if (grad && d !== 0) for (let j = 0; j < width; j++) grad[j] += d * x[off + j];
    }
    if (grad) for (let j = 0; j < width; j++) grad[j] += penalty[j] * th[j];
    return obj;
  };

  let objective = evaluate(theta);
  let iterations = 0;
  let converged = false;
  while (iterations < maxIter && !converged) {
    throwIfCancelled(signal ?? { aborted: false });
    const grad = new Float64Array(width);
    const curvature = new Float32Array(n);
    evaluate(theta, grad, curvature);
    const hessian = await weightedGram(problem.tensor, curvature);
    // A tiny ridge keeps the intercept's row solvable when no row is active.
    for (let j = 0; j < width; j++) hessian[j * width + j] += penalty[j] + 1e-10 * n;
    const delta = choleskySolve(cholesky(hessian, width), grad);
    let step = 1;
    let candidate = theta.map((t, j) => t - delta[j]);
    let next = evaluate(candidate);
    while (next > objective && step > 1e-8) {
      step /= 2;
      candidate = theta.map((t, j) => t - step * delta[j]);
      next = evaluate(candidate);
    }
    let moved = 0;
    for (let j = 0; j < width; j++) moved = Math.max(moved, Math.abs(candidate[j] - theta[j]));
    if (next <= objective) {
      theta.set(candidate);
      objective = next;
    }
    iterations++;
    converged = moved <= tol * Math.max(1, maxAbs(theta)) || next > objective;
    onIteration?.(iterations, objective);
  }
  evaluate(theta);
  let active = 0;
  for (let i = 0; i < n; i++) {
    if (loss.kind === "squared-hinge" ? y[i] * margins[i] < 1 : Math.abs(margins[i] - y[i]) > loss.epsilon) active++;
  }
  return { theta, objective, iterations, converged, active };
}

function maxAbs(v: Float64Array): number {
  let m = 0;
  for (const t of v) m = Math.max(m, Math.abs(t));
  return m;
}
