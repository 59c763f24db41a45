import type { Algorithm } from "./algorithm";
import { linearAlgorithm, logisticAlgorithm } from "./linear-algorithm";
import { decisionTreeAlgorithm, gradientBoostingAlgorithm, randomForestAlgorithm } from "./trees";
import { naiveBayesAlgorithm } from "./naive-bayes";
import { svmAlgorithm } from "./svm";
import { mlpAlgorithm } from "./mlp";

/** Every model algorithm by id: the one list a new algorithm is added to (plus cells/model-catalog.ts). */
export const ALGORITHMS: Readonly<Record<string, Algorithm<any>>> = {
  linear: linearAlgorithm,
  logistic: logisticAlgorithm,
  decision_tree: decisionTreeAlgorithm,
  random_forest: randomForestAlgorithm,
  gradient_boosting: gradientBoostingAlgorithm,
  naive_bayes: naiveBayesAlgorithm,
  svm: svmAlgorithm,
  mlp: mlpAlgorithm,
};
