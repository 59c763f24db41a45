// Naive Bayes against scikit-learn's GaussianNB and CategoricalNB on bank-full's train split.
import { describe, expect, it } from "vitest";
import { bankTable } from "../reference";
import { naiveBayesAlgorithm } from "../../../../src/core/models/naive-bayes";
import { buildDesignMatrix } from "../../../../src/core/models/design-matrix";
import { at, bankRef, bankY, fitContext, splitDesign } from "./trees-data";

const fitNb = (train: any, params: Record<string, unknown>) => naiveBayesAlgorithm.fit(train, "classification", naiveBayesAlgorithm.parseOptions(params, "params"), fitContext());

describe("naive Bayes vs scikit-learn", () => {
  it("Gaussian: means, variances and test probabilities within 1e-6 of GaussianNB", async () => {
    const { train, test } = splitDesign(bankTable(), bankRef.numericFeatures, bankY());
    const model = await fitNb(train, { variant: "gaussian" });
    const prob = at(await model.predict(bankTable()), test);
    bankRef.gaussianNB.testProbHead.forEach((p: number, k: number) => expect(Math.abs(prob[k] - p)).toBeLessThan(1e-6));
    const params = model.extras.parameters;
    const col = (name: string) => params.columns.find((c) => c.name === name)!.values as Float64Array;
    bankRef.gaussianNB.theta[1].forEach((m: number, j: number) => expect(Math.abs(col("mean_1")[j] - m) / Math.abs(m)).toBeLessThan(1e-9));
    bankRef.gaussianNB.var[0].forEach((v: number, j: number) => expect(Math.abs(col("var_0")[j] - v) / v).toBeLessThan(1e-9));
  });

  it("categorical: test probabilities within 1e-9 of CategoricalNB (alpha 1)", async () => {
    const ref = bankRef.categoricalNB;
    const { train } = splitDesign(bankTable(), ref.features, bankY());
    const model = await fitNb(train, { variant: "categorical", alpha: 1 });
    expect((model.summary as any).naiveBayes.categories).toEqual(ref.categories);
    const prob = at(await model.predict(bankTable()), ref.rows);
    ref.prob.forEach((p: number, k: number) => expect(Math.abs(prob[k] - p)).toBeLessThan(1e-9));
  });

  it("categorical rejects non-integer features with a message naming the feature", async () => {
    const train = buildDesignMatrix(bankTable(), { features: ["balance", "age"], y: bankY(), rows: [0, 1, 2, 3] });
    const shifted = { ...train, x: train.x.map((v) => v + 0.5) };
    await expect(fitNb(shifted, { variant: "categorical" })).rejects.toThrow(/"balance".*integer codes|integer codes/);
  });
});
