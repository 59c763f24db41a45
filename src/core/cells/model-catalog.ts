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
  {
    id: "decision_tree",
    title: "Decision tree",
    tasks: ["classification", "regression"],
    hyperparameters: [
      { key: "criterion", label: "Split criterion", type: "select", default: "auto", options: ["auto", "gini", "entropy", "squared_error"] },
      { key: "maxDepth", label: "Max depth (0 = none)", type: "integer", default: 8, min: 0, max: 1000 },
      { key: "minSamplesSplit", label: "Min rows to split", type: "integer", default: 2, min: 2 },
      { key: "minSamplesLeaf", label: "Min rows per leaf", type: "integer", default: 1, min: 1 },
      { key: "maxFeatures", label: "Features per split", type: "select", default: "all", options: ["all", "sqrt", "log2", "0.5"] },
      { key: "maxBins", label: "Max bins per feature", type: "integer", default: 255, min: 2, max: 255 },
    ],
  },
  {
    id: "random_forest",
    title: "Random forest",
    tasks: ["classification", "regression"],
    hyperparameters: [
      { key: "nTrees", label: "Trees", type: "integer", default: 100, min: 1, max: 10000 },
      { key: "criterion", label: "Split criterion", type: "select", default: "auto", options: ["auto", "gini", "entropy", "squared_error"] },
      { key: "maxDepth", label: "Max depth (0 = none)", type: "integer", default: 0, min: 0, max: 1000 },
      { key: "minSamplesSplit", label: "Min rows to split", type: "integer", default: 2, min: 2 },
      { key: "minSamplesLeaf", label: "Min rows per leaf", type: "integer", default: 1, min: 1 },
      { key: "maxFeatures", label: "Features per split", type: "select", default: "auto", options: ["auto", "all", "sqrt", "log2", "0.5"] },
      { key: "bootstrap", label: "Bootstrap (out-of-bag score)", type: "boolean", default: true },
      { key: "maxBins", label: "Max bins per feature", type: "integer", default: 255, min: 2, max: 255 },
    ],
  },
  {
    id: "gradient_boosting",
    title: "Gradient-boosted trees",
    tasks: ["classification", "regression"],
    hyperparameters: [
      { key: "maxIter", label: "Iterations", type: "integer", default: 100, min: 1, max: 10000 },
      { key: "learningRate", label: "Learning rate", type: "number", default: 0.1, min: 1e-6, max: 10 },
      { key: "maxLeafNodes", label: "Max leaves per tree", type: "integer", default: 31, min: 2, max: 100000 },
      { key: "maxDepth", label: "Max depth (0 = none)", type: "integer", default: 0, min: 0, max: 1000 },
      { key: "minSamplesLeaf", label: "Min rows per leaf", type: "integer", default: 20, min: 1 },
      { key: "l2", label: "L2 regularisation", type: "number", default: 0, min: 0 },
      { key: "earlyStopping", label: "Early stopping", type: "select", default: "auto", options: ["auto", "on", "off"] },
      { key: "validationFraction", label: "Validation fraction", type: "number", default: 0.1, min: 0.01, max: 0.5 },
      { key: "nIterNoChange", label: "Patience (iterations)", type: "integer", default: 10, min: 1 },
      { key: "maxBins", label: "Max bins per feature", type: "integer", default: 255, min: 2, max: 255 },
    ],
  },
  {
    id: "naive_bayes",
    title: "Naive Bayes",
    tasks: ["classification"],
    hyperparameters: [
      { key: "variant", label: "Variant", type: "select", default: "gaussian", options: ["gaussian", "categorical"] },
      { key: "varSmoothing", label: "Variance smoothing (Gaussian)", type: "number", default: 1e-9, min: 0 },
      { key: "alpha", label: "Smoothing α (categorical)", type: "number", default: 1, min: 1e-10 },
    ],
  },
  {
    id: "svm",
    title: "Support vector machine",
    tasks: ["classification", "regression"],
    hyperparameters: [
      { key: "kernel", label: "Kernel", type: "select", default: "linear", options: ["linear", "rbf"] },
      { key: "C", label: "C (loss weight)", type: "number", default: 1, min: 1e-12 },
      { key: "epsilon", label: "ε (regression tube)", type: "number", default: 0.1, min: 0 },
      { key: "gamma", label: "γ (RBF; 0 = 1/(p·Var X))", type: "number", default: 0, min: 0 },
      { key: "components", label: "Fourier features (RBF)", type: "integer", default: 300, min: 1, max: 5000 },
      { key: "maxIter", label: "Max Newton iterations", type: "integer", default: 50, min: 1, max: 1000 },
    ],
  },
  {
    id: "mlp",
    title: "Neural network (MLP)",
    tasks: ["regression", "classification"],
    hyperparameters: [
      { key: "hidden", label: "Hidden layers", type: "select", default: "64,64", options: ["16", "32", "64", "32,16", "64,64", "128,64", "128,128,64"] },
      { key: "activation", label: "Activation", type: "select", default: "relu", options: ["relu", "tanh", "sigmoid", "elu"] },
      { key: "dropout", label: "Dropout", type: "number", default: 0, min: 0, max: 0.9 },
      { key: "epochs", label: "Epochs", type: "integer", default: 50, min: 1, max: 10000 },
      { key: "batchSize", label: "Batch size", type: "integer", default: 128, min: 1, max: 65536 },
      { key: "learningRate", label: "Learning rate", type: "number", default: 0.001, min: 1e-8, max: 10 },
      { key: "validationFraction", label: "Validation share (early stopping)", type: "number", default: 0.1, min: 0, max: 0.5 },
      { key: "patience", label: "Patience (epochs)", type: "integer", default: 5, min: 1, max: 1000 },
    ],
  },
];
