// Gradient boosting against scikit-learn's HistGradientBoosting* with the same defaults (255
// bins, 31 leaves, min 20 rows per leaf, learning rate 0.1, early stopping on 10% when n > 10,000).
// Bin edges (subsampling), validation rows and tie-breaking differ, so quality is compared.
import { describe, expect, it } from "vitest";
import { advertisingTable, bankTable } from "../reference";
import { gradientBoostingAlgorithm } from "../../../../src/core/models/trees";
import { CancelledError } from "../../../../src/core/cells/types";
import { advRef, advY, at, bankRef, bankY, fitContext, r2, rocAuc, splitDesign } from "./trees-data";

const fitGbm = (train: any, task: "classification" | "regression", params: Record<string, unknown>, ctx = fitContext(3)) =>
  gradientBoostingAlgorithm.fit(train, task, gradientBoostingAlgorithm.parseOptions(params, "params"), ctx);

describe("gradient boosting vs scikit-learn HistGradientBoosting", () => {
  it("bank-full classification: test AUC within 0.01 and log loss within 0.01, early stopping on", async () => {
    const ref = bankRef.histGradientBoosting;
    const { train, test } = splitDesign(bankTable(), bankRef.numericFeatures, bankY());
    const ctx = fitContext(3);
    const model = await fitGbm(train, "classification", {}, ctx);
    const s = (model.summary as any).boosting;
    expect(s.nValidation).toBeGreaterThan(3000);
    const prob = at(await model.predict(bankTable()), test);
    const y = at(bankY(), test);
    expect(Math.abs(rocAuc(y, prob) - ref.testAuc)).toBeLessThan(0.01);
    const logLoss = -prob.reduce((a, p, i) => a + (y[i] ? Math.log(p) : Math.log(1 - p)), 0) / y.length;
    expect(Math.abs(logLoss - ref.testLogLoss)).toBeLessThan(0.01);
    expect(ctx.log.length).toBeGreaterThanOrEqual(s.iterations);
    expect(model.extras.loss.nRows).toBe(s.iterations);
  });

  it("Advertising regression: test R² within 0.02 of scikit-learn's, same 100 iterations", async () => {
    const { train, test } = splitDesign(advertisingTable(), advRef.features, advY());
    const model = await fitGbm(train, "regression", {});
    expect((model.summary as any).boosting.iterations).toBe(advRef.histGradientBoosting.iterations);
    const score = r2(at(advY(), test), at(await model.predict(advertisingTable()), test));
    expect(Math.abs(score - advRef.histGradientBoosting.testR2)).toBeLessThan(0.02);
  });

  it("the fit's own training scores equal predict on those rows to the bit (classification with early stopping, regression)", async () => {
    const cases = [
      { table: bankTable(), ...splitDesign(bankTable(), bankRef.numericFeatures, bankY()), task: "classification" as const, params: { maxIter: 20 } },
      { table: advertisingTable(), ...splitDesign(advertisingTable(), advRef.features, advY()), task: "regression" as const, params: {} },
      // More than 255 leaves: rows are marked with their leaf in two bytes (boosting-step.ts).
      { table: bankTable(), ...splitDesign(bankTable(), bankRef.numericFeatures, bankY()), task: "classification" as const, params: { maxIter: 3, maxLeafNodes: 400, earlyStopping: "off" } },
    ];
    for (const { table, train, task, params } of cases) {
      const model = await fitGbm(train, task, params);
      const fitted = model.fittedScores!;
      const predicted = await model.predict(table);
      // Early stopping holds rows out of the fit: only the rows the trees were fitted on are kept.
      expect(fitted.rows.length).toBe((model.summary as any).boosting.nFit);
      fitted.rows.forEach((k, q) => expect(fitted.scores[q]).toBe(predicted[train.rows[k]]));
    }
  });

  it("is deterministic by seed, and the training loss falls", async () => {
    const { train } = splitDesign(advertisingTable(), advRef.features, advY());
    const params = { maxIter: 30, earlyStopping: "on" };
    const a = await fitGbm(train, "regression", params, fitContext(5));
    const b = await fitGbm(train, "regression", params, fitContext(5));
    expect(Array.from(await a.predict(advertisingTable()))).toEqual(Array.from(await b.predict(advertisingTable())));
    const loss = a.extras.loss.columns[1].values as Float64Array;
    expect(loss[loss.length - 1]).toBeLessThan(loss[0]);
  });

  it("stops between iterations when cancelled", async () => {
    const { train } = splitDesign(advertisingTable(), advRef.features, advY());
    await expect(fitGbm(train, "regression", {}, fitContext(1, true))).rejects.toThrow(CancelledError);
  });
});
