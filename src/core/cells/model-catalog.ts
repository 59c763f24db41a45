/**
 * What the UI needs to know about each model algorithm, without loading the algorithms (which
 * pull in TF.js and stay in the worker). A test checks it against models/algorithms.ts.
 */
export interface HyperparameterInfo {
  readonly key: string;
  readonly label: string;
  readonly type: "number" | "integer" | "select" | "boolean";
  readonly default: number | string | boolean;
  readonly min?: number;
  readonly max?: number;
  readonly options?: readonly string[];
}

export interface AlgorithmInfo {
  readonly id: string;
  readonly title: string;
  readonly tasks: readonly ("regression" | "classification")[];
  readonly hyperparameters: readonly HyperparameterInfo[];
}

export const MODEL_CATALOG: readonly AlgorithmInfo[] = [
  { id: "linear", title: "Linear regression", tasks: ["regression"], hyperparameters: [] },
  {
    id: "logistic",
    title: "Logistic regression",
    tasks: ["classification"],
    hyperparameters: [
      { key: "C", label: "C (inverse L2)", type: "number", default: 1, min: 1e-12 },
      { key: "maxIter", label: "Max iterations", type: "integer", default: 100, min: 1, max: 10000 },
    ],
  },
];
