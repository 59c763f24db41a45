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

  // The Node tests run on TF.js's cpu backend, where fitLinear forms X'X in float64 JS; the TF.js
  // product (used on WebGPU/WebGL) is checked here by asking for it.
  it("gives statsmodels' answer with either engine: float64 JS or the TF.js product with refinement", async () => {
    const table = advertisingTable();
    const design = buildDesignMatrix(table, { features, y: getNumeric(table, "sales").values });
    for (const engine of ["js", "tfjs"] as const) {
      const fit = await fitLinear(design, { engine });
      const all = [fit.intercept, ...fit.coefficients];
      const params = maxRelError(all.map((c) => c.estimate), ref.params);
      const bse = maxRelError(all.map((c) => c.stdError!), ref.bse);
      console.info(`OLS engine ${engine} vs statsmodels, max relative error: params ${params.toExponential(1)}, bse ${bse.toExponential(1)}`);
      expect(params).toBeLessThan(1e-6);
      expect(bse).toBeLessThan(1e-6);
      expect(fit.rSquared).toBeCloseTo(ref.rsquared, 10);
    }
    const before = tf.memory().numTensors;
    await fitLinear(design, { engine: "tfjs" });
    expect(tf.memory().numTensors).toBe(before);
  });

  it("float64 JS reaches the least-squares answer on nearly collinear, offset columns (one refinement step)", async () => {
    // x2 = x1 + small noise, both around a large offset: the standardised X'X has 1 − r² ≈ 5e-5
    // (condition number ≈ 1e5, inside the solver's pivot tolerance). Normal equations alone lose about
    // cond² · 1e-16 of their accuracy; the reference is least squares by Gram-Schmidt (twice) on the
    // centred columns, which does not square the condition number.
    const n = 5000;
    const x1 = Float64Array.from({ length: n }, (_, i) => 1e4 + Math.sin(i) * 3);
    const x2 = Float64Array.from(x1, (v, i) => v + 2e-2 * Math.cos(7 * i));
    const yv = Float64Array.from(x1, (v, i) => 2 * v - 3 * x2[i] + Math.sin(3 * i));
    const table = makeTable([
      { name: "x1", type: "number", values: x1 }, { name: "x2", type: "number", values: x2 }, { name: "y", type: "number", values: yv },
    ]);
    const fit = await fitLinear(buildDesignMatrix(table, { features: ["x1", "x2"], y: yv }), { engine: "js" });
    const [b1, b2] = leastSquares2(x1, x2, yv);
    expect(fit.ridge).toBe(0);
    expect(Math.abs(fit.coefficients[0].estimate - b1) / Math.abs(b1)).toBeLessThan(1e-6);
    expect(Math.abs(fit.coefficients[1].estimate - b2) / Math.abs(b2)).toBeLessThan(1e-6);
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

/** Least squares of y on [1, a, b] by modified Gram-Schmidt (run twice) on the centred columns. */
function leastSquares2(a: Float64Array, b: Float64Array, y: Float64Array): [number, number] {
  const n = a.length;
  const centred = (v: Float64Array) => {
    let m = 0;
    for (const x of v) m += x;
    m /= n;
    return Float64Array.from(v, (x) => x - m);
  };
  const dot = (u: Float64Array, v: Float64Array) => u.reduce((s, x, i) => s + x * v[i], 0);
  const q1 = centred(a);
  const r11 = Math.sqrt(dot(q1, q1));
  q1.forEach((v, i) => (q1[i] = v / r11));
  const q2 = centred(b);
  let r12 = 0;
  for (let pass = 0; pass < 2; pass++) {
    const c = dot(q1, q2);
    r12 += c;
    q2.forEach((v, i) => (q2[i] = v - c * q1[i]));
  }
  const r22 = Math.sqrt(dot(q2, q2));
  q2.forEach((v, i) => (q2[i] = v / r22));
  const yc = centred(y);
  const c1 = dot(q1, yc);
  const c2 = dot(q2, yc);
  const beta2 = c2 / r22;
  return [(c1 - r12 * beta2) / r11, beta2];
}
