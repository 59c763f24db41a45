import type { Algorithm } from "./algorithm";
import { linearAlgorithm, logisticAlgorithm } from "./linear-algorithm";

/** Every model algorithm by id: the one list a new algorithm is added to (plus cells/model-catalog.ts). */
export const ALGORITHMS: Readonly<Record<string, Algorithm<any>>> = {
  linear: linearAlgorithm,
  logistic: logisticAlgorithm,
};
