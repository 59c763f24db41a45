// Random forest against scikit-learn's RandomForest* on the same split. Bootstraps and feature
// draws use different generators, so only quality can agree: stated margins below.
import { describe, expect, it } from "vitest";
import { advertisingTable, bankTable } from "../reference";
import { randomForestAlgorithm } from "../../../../src/core/models/trees";
import { CancelledError } from "../../../../src/core/cells/types";
import { advRef, advY, at, bankRef, bankY, fitContext, r2, rocAuc, splitDesign } from "./trees-data";

const fitForest = (train: any, task: "classification" | "regression", params: Record<string, unknown>, ctx = fitContext(7)) =>
  randomForestAlgorithm.fit(train, task, randomForestAlgorithm.parseOptions(params, "params"), ctx);

describe("random forest vs scikit-learn RandomForestClassifier (bank-full, 7 numeric features)", () => {
  it("100 trees: test AUC within 0.01, accuracy and OOB accuracy within 0.005 of scikit-learn's", async () => {
    const ref = bankRef.randomForest;
    const { train, test } = splitDesign(bankTable(), bankRef.numericFeatures, bankY());
    const ctx = fitContext(7);
    const model = await fitForest(train, "classification", { nTrees: 100 }, ctx);
    const prob = at(await model.predict(bankTable()), test);
    const y = at(bankY(), test);
    expect(Math.abs(rocAuc(y, prob) - ref.testAuc)).toBeLessThan(0.01);
    const acc = prob.reduce((s, p, i) => s + ((p > 0.5 ? 1 : 0) === y[i] ? 1 : 0), 0) / y.length;
    expect(Math.abs(acc - ref.testAccuracy)).toBeLessThan(0.005);
    const oob = (model.summary as any).oob;
    expect(oob.metric).toBe("accuracy");
    expect(Math.abs(oob.score - ref.oobAccuracy)).toBeLessThan(0.005);
    // Progress once per tree, ending at 1.
    expect(ctx.log.length).toBeGreaterThanOrEqual(100);
    expect(ctx.log.at(-1)).toBe(1);
  });
});

describe("random forest on Advertising (regression)", () => {
  const { train, test } = splitDesign(advertisingTable(), advRef.features, advY());

  it("test R² within 0.02 of the range scikit-learn gets over 5 seeds", async () => {
    const byseed: number[] = advRef.randomForest.testR2BySeed;
    const model = await fitForest(train, "regression", { nTrees: 100 });
    const score = r2(at(advY(), test), at(await model.predict(advertisingTable()), test));
    expect(score).toBeGreaterThan(Math.min(...byseed) - 0.02);
    expect(score).toBeLessThan(Math.max(...byseed) + 0.02);
  });

  it("is deterministic by seed: the same seed gives identical predictions, another seed does not", async () => {
    const a = await (await fitForest(train, "regression", { nTrees: 20 }, fitContext(1))).predict(advertisingTable());
    const b = await (await fitForest(train, "regression", { nTrees: 20 }, fitContext(1))).predict(advertisingTable());
    const c = await (await fitForest(train, "regression", { nTrees: 20 }, fitContext(2))).predict(advertisingTable());
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(a)).not.toEqual(Array.from(c));
  });

  it("stops between trees when cancelled", async () => {
    await expect(fitForest(train, "regression", { nTrees: 20 }, fitContext(1, true))).rejects.toThrow(CancelledError);
  });

  it("without bootstrap or feature sampling every tree is the same full-data tree", async () => {
    const model = await fitForest(train, "regression", { nTrees: 3, bootstrap: false, maxFeatures: "all" });
    const s = model.summary as any;
    expect(s.oob).toBeNull();
    const one = await (await fitForest(train, "regression", { nTrees: 1, bootstrap: false, maxFeatures: "all" })).predict(advertisingTable());
    const three = await model.predict(advertisingTable());
    one.forEach((v, i) => expect(Math.abs(three[i] - v)).toBeLessThan(1e-9));
  });
});
