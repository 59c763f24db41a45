// Model evaluation beyond one split: folds, cross-validation, grid search, permutation importance, PR curves.
export { FoldError, kFold, stratifiedKFold, type Fold, type FoldOptions } from "./folds";
export { crossValidate, type CvOptions, type CvResult, type RefitSpec } from "./cross-validate";
export { expandGrid, gridSearch, LOWER_IS_BETTER, type GridEntry, type ParamGrid } from "./grid-search";
export { permutationImportance, type FeatureImportance } from "./permutation-importance";
export { averagePrecision, precisionRecallCurve, type PrCurve } from "./pr-curve";
