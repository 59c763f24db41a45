import { describe, expect, it } from "vitest";
import * as tf from "@tensorflow/tfjs-core";
import { buildDesignMatrix, fitLinear, linearPredictor } from "../../../src/core/models";
import { getNumeric, makeTable } from "../../../src/core/frame/table";
import { advertisingTable, fixture, maxRelError } from "./reference";

const ref = fixture("models_linear.json");
const features = ["TV", "radio", "newspaper"];

async function fitAdvertising() {
  const table = advertisingTable();
  return fitLinear(buildDesignMatrix(table, { features, y: getNumeric(table, "sales").values }));
}

describe("fitLinear", () => {
  it("reproduces ISLR Table 3.9 for sales ~ TV + radio + newspaper", async () => {
    const fit = await fitAdvertising();
    expect(fit.intercept.estimate).toBeCloseTo(2.9389, 4);
    expect(fit.coefficients.map((c) => c.estimate)).toEqual([
      expect.closeTo(0.0458, 4), expect.closeTo(0.1885, 4), expect.closeTo(-0.001, 4),
    ]);
    expect(fit.rSquared).toBeCloseTo(0.8972, 4);
    expect(fit.sigma).toBeCloseTo(1.6855, 4);
  });

  it("matches statsmodels OLS estimates, standard errors, t and p values within 1e-6 relative", async () => {
    const fit = await fitAdvertising();
    const all = [fit.intercept, ...fit.coefficients];
    const rel = {
      params: maxRelError(all.map((c) => c.estimate), ref.params),
      bse: maxRelError(all.map((c) => c.stdError!), ref.bse),
      t: maxRelError(all.map((c) => c.t!), ref.tvalues),
      p: maxRelError(all.map((c) => c.p!), ref.pvalues),
    };
    console.info("OLS vs statsmodels, max relative error:", rel);
    expect(rel.params).toBeLessThan(1e-6);
    expect(rel.bse).toBeLessThan(1e-6);
    expect(rel.t).toBeLessThan(1e-6);
    expect(rel.p).toBeLessThan(1e-5);
    expect(fit.rSquared).toBeCloseTo(ref.rsquared, 12);
    expect(fit.adjustedRSquared).toBeCloseTo(ref.rsquared_adj, 12);
    expect(fit.dfResidual).toBe(196);
    expect(fit.warnings).toEqual([]);
  });

  it("predicts statsmodels' fitted values", async () => {
    const fit = await fitAdvertising();
    const pred = linearPredictor(fit, advertisingTable());
    expect(maxRelError(pred, ref.predictions)).toBeLessThan(1e-9);
  });

  it("leaves no tensors behind", async () => {
    await fitAdvertising();
    const before = tf.memory().numTensors;
    await fitAdvertising();
    expect(tf.memory().numTensors).toBe(before);
  });

  it("drops a constant feature with a warning instead of failing the solve", async () => {
    const base = advertisingTable();
    const table = makeTable([...base.columns, { name: "one", type: "number", values: new Float64Array(base.nRows).fill(1) }]);
    const fit = await fitLinear(buildDesignMatrix(table, { features: [...features, "one"], y: getNumeric(table, "sales").values }));
    expect(fit.features).toEqual(features);
    expect(fit.droppedFeatures).toEqual(["one"]);
    expect(fit.warnings[0]).toMatch(/constant feature "one"/);
    expect(fit.coefficients[0].estimate).toBeCloseTo(ref.params[1], 10);
  });

  it("adds a ridge and warns when two features are collinear", async () => {
    const base = advertisingTable();
    const tv = getNumeric(base, "TV").values;
    const table = makeTable([...base.columns, { name: "TV2", type: "number", values: tv.map((v) => 2 * v) }]);
    const fit = await fitLinear(buildDesignMatrix(table, { features: ["TV", "TV2", "radio"], y: getNumeric(table, "sales").values }));
    expect(fit.ridge).toBeGreaterThan(0);
    expect(fit.warnings.join(" ")).toMatch(/near-singular/);
    // The fit itself is still the least-squares one: TV + 2·TV2 carries TV's effect.
    const [b1, b2] = fit.coefficients.map((c) => c.estimate);
    expect(b1 + 2 * b2).toBeCloseTo(0.0457, 3);
  });

  it("refuses fewer rows than features + 1, naming the counts", async () => {
    const table = makeTable([
      { name: "a", type: "number", values: Float64Array.of(1, 2) },
      { name: "b", type: "number", values: Float64Array.of(3, 1) },
      { name: "y", type: "number", values: Float64Array.of(1, 2) },
    ]);
    await expect(fitLinear(buildDesignMatrix(table, { features: ["a", "b"], y: getNumeric(table, "y").values }))).rejects.toThrow(
      /at least 3 complete rows for 2 features; found 2/,
    );
  });
});
