/**
 * Split criteria. Every criterion here scores a node from three sums over its rows: the row
 * count c, a weight W and a weighted sum S (CART: W = Σw, S = Σw·y; boosting: W = Σ hessians,
 * S = Σ gradients). A split's gain is score(left) + score(right) − score(parent), so one
 * histogram layout [c, W, S] per bin serves classification, regression and boosting alike.
 */

/** How a tree scores nodes and sets leaf values. */
export interface Criterion {
  readonly name: "gini" | "entropy" | "squared_error" | "newton";
  /**
   * A node's score: for CART, −W·impurity (so gains are impurity decreases in scikit-learn's
   * units: W·imp − W_L·imp_L − W_R·imp_R, with squared error's W·imp = SSE up to a constant).
   */
  score(W: number, S: number): number;
  /** The value a leaf predicts. */
  leaf(W: number, S: number): number;
}

/** Binary Gini: W·imp = W·2p(1−p) with p = S/W. */
export const gini: Criterion = {
  name: "gini",
  score: (W, S) => (W > 0 ? (-2 * S * (W - S)) / W : 0),
  leaf: (W, S) => (W > 0 ? S / W : 0),
};

const xlog2x = (v: number) => (v > 0 ? v * Math.log2(v) : 0);

/** Binary entropy in bits (scikit-learn's log2): W·imp = −W·Σ p log2 p. */
export const entropy: Criterion = {
  name: "entropy",
  score: (W, S) => (W > 0 ? W * (xlog2x(S / W) + xlog2x((W - S) / W)) : 0),
  leaf: (W, S) => (W > 0 ? S / W : 0),
};

/**
 * Squared error: SSE = Σw·y² − S²/W; Σw·y² is the same for parent and children, so S²/W is
 * the score (the variance-reduction proxy scikit-learn uses).
 */
export const squaredError: Criterion = {
  name: "squared_error",
  score: (W, S) => (W > 0 ? (S * S) / W : 0),
  leaf: (W, S) => (W > 0 ? S / W : 0),
};

/**
 * Second-order (Newton) boosting criterion with L2 regularisation λ: score G²/(H+λ) and leaf
 * value −G/(H+λ), the gain XGBoost, LightGBM and HistGradientBoosting maximise (up to ½).
 */
export function newton(lambda: number): Criterion {
  return {
    name: "newton",
    score: (W, S) => (S * S) / (W + lambda),
    leaf: (W, S) => -S / (W + lambda),
  };
}
