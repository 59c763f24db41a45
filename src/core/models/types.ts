/** One fitted coefficient, with its inference when the model provides it (OLS does; penalised logistic does not). */
export interface Coefficient {
  readonly feature: string;
  readonly estimate: number;
  readonly stdError?: number;
  readonly t?: number;
  readonly p?: number;
}

/** A fitted model that is linear in its features: η = intercept + Σ βⱼ xⱼ. */
export interface LinearPredictorFit {
  /** Features actually used, in order (constant ones may have been dropped). */
  readonly features: readonly string[];
  readonly intercept: Coefficient;
  readonly coefficients: readonly Coefficient[];
  /** Things the user should know: dropped features, ridge added, no convergence. */
  readonly warnings: readonly string[];
}

/** Per-iteration report of an iterative fit. */
export interface IterationInfo {
  readonly iteration: number;
  readonly maxIter: number;
  /** Objective value (penalised negative log-likelihood for logistic regression). */
  readonly loss: number;
  /** Largest absolute change of a (standardised) coefficient in this step. */
  readonly step: number;
}
