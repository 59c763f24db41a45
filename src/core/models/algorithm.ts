/**
 * The contract every model algorithm implements, so the model cell, cross-validation and grid
 * search treat linear regression, trees, SVMs and networks alike. One file per algorithm, listed
 * in algorithms.ts (and described for the UI in cells/model-catalog.ts).
 */
import type { Table } from "../frame/table";
import type { JsonObject } from "../json";
import type { CancelSignal } from "../cells/types";
import type { Obj } from "../cells/params";
import type { DesignMatrix } from "./design-matrix";
import type { HelperThreads } from "../threads/helper-threads";

export type Task = "regression" | "classification";

/** What a fit may use from its surroundings. */
export interface FitContext {
  /** Seed for anything random (initialisation, bootstrap, shuffling). */
  readonly seed: number;
  /** Checked between iterations / trees / epochs; throw CancelledError when aborted. */
  readonly signal: CancelSignal;
  progress(fraction: number, message?: string): void;
  /** Helper threads sharing memory, where the browser allows them (boosting builds histograms, splits rows and updates scores on them). */
  readonly threads?: HelperThreads;
}

/** Typed arrays a saved model may hold. */
export type SavedArray = Float64Array | Float32Array | Int32Array;

/**
 * A fitted model's parameters as plain data: small JSON plus named typed arrays. Enough to predict
 * again without training; IndexedDB stores it as it is and model files encode it (model-file.ts).
 */
export interface SavedParameters {
  readonly state: JsonObject;
  readonly arrays: Readonly<Record<string, SavedArray>>;
}

/** What predicts: a fitted model, or one restored from saved parameters. */
export interface Predictor {
  /** Regression: predictions; binary classification: P(class 1). NaN where a feature is missing. */
  predict(table: Table): Promise<Float64Array>;
  /** Frees tensors the model holds. */
  dispose(): void;
}

/** A fitted model. */
export interface TrainedModel extends Predictor {
  /** Features the model uses, in order (an algorithm may drop constant ones). */
  readonly features: readonly string[];
  /** Fitted parameters merged into the cell summary (e.g. coefficients, trees, iterations). */
  readonly summary: JsonObject;
  /** Tables for inspection and charts, e.g. "coefficients", "importance", "loss". */
  readonly extras: Readonly<Record<string, Table>>;
  readonly warnings: readonly string[];
  /** The parameters `Algorithm.restore` rebuilds this model's predictions from. */
  save(): Promise<SavedParameters>;
  /** Bytes `save()` would give, when that can be large (tree ensembles, networks): checked before saving. */
  readonly savedBytes?: number;
  /**
   * What `predict` gives on training rows, where the fit already computed it exactly (boosting
   * keeps every row's raw score): `scores[k]` for design row `rows[k]`. Saves predicting those
   * rows again (seconds for 100 trees on a million rows); must equal `predict` to the bit.
   */
  readonly fittedScores?: { readonly rows: Uint32Array; readonly scores: Float64Array };
}

/** A model algorithm. `O` is its parsed hyperparameters. */
export interface Algorithm<O = unknown> {
  readonly id: string;
  readonly title: string;
  readonly tasks: readonly Task[];
  /** Reads this algorithm's hyperparameters from the cell params; ParamError names the field. */
  parseOptions(params: Obj, path: string): O;
  /** Fits on the training design matrix (y coded 0/1 for classification). */
  fit(train: DesignMatrix, task: Task, options: O, ctx: FitContext): Promise<TrainedModel>;
  /**
   * Rebuilds the predictor of a model from what its `save()` gave, predicting exactly as the
   * fitted model did. The parameters may come from a user's file: a shape that does not fit
   * throws SavedModelError naming the part.
   */
  restore(saved: SavedParameters, features: readonly string[], task: Task): Promise<Predictor>;
}
