import { describe, expect, it } from "vitest";
import * as tf from "@tensorflow/tfjs-core";
import { buildDesignMatrix, encodeBinaryTarget, fitLogistic, linearPredictor, sigmoid } from "../../../src/core/models";
import { binaryMetrics } from "../../../src/core/metrics";
import { CancelledError } from "../../../src/core/cells/types";
import { getColumn, makeTable } from "../../../src/core/frame/table";
import type { IterationInfo } from "../../../src/core/models";
import { fixture, maxRelError } from "./reference";
import { bankFeatures, standardizedBank } from "./bank";

const ref = fixture("models_logistic.json");

function bankDesign() {
  const table = standardizedBank();
  const target = encodeBinaryTarget(getColumn(table, "y"));
  return { table, target, design: buildDesignMatrix(table, { features: bankFeatures, y: target.y }) };
}

describe("fitLogistic on bank-full (standardised numeric features)", () => {
  for (const C of [1, 0.01]) {
    it(`matches scikit-learn LogisticRegression(C=${C}) coefficients`, async () => {
      const { design } = bankDesign();
      const fit = await fitLogistic(design, { C });
      const r = ref[`C=${C}`];
      const coef = fit.coefficients.map((c) => c.estimate);
      const vsLbfgs = maxRelError([...coef, fit.intercept.estimate], [...r.coef, r.intercept]);
      const vsNewton = maxRelError([...coef, fit.intercept.estimate], [...r.newtonCg.coef, r.newtonCg.intercept]);
      console.info(`C=${C}: ${fit.iterations} iterations; max relative error vs lbfgs ${vsLbfgs.toExponential(2)}, vs newton-cg ${vsNewton.toExponential(2)}`);
      expect(fit.converged).toBe(true);
      expect(vsLbfgs).toBeLessThan(1e-3);
      // lbfgs stops ~3e-4 short of the optimum (its ftol); newton-cg reaches it, and so do we.
      expect(vsNewton).toBeLessThan(1e-6);
    });
  }

  // Node tests run on TF.js's cpu backend, where the Hessians are float64 JS; the TF.js Hessian
  // (used on WebGPU/WebGL) is checked by asking for it.
  it("reaches scikit-learn's newton-cg optimum with either engine, and the TF.js one frees its tensors", async () => {
    const { design } = bankDesign();
    const r = ref["C=1"].newtonCg;
    const fits = [];
    for (const engine of ["js", "tfjs"] as const) {
      const before = tf.memory().numTensors;
      const fit = await fitLogistic(design, { engine });
      expect(tf.memory().numTensors).toBe(before);
      expect(fit.converged).toBe(true);
      const error = maxRelError([...fit.coefficients.map((c) => c.estimate), fit.intercept.estimate], [...r.coef, r.intercept]);
      console.info(`logistic engine ${engine}: ${fit.iterations} iterations, max relative error vs newton-cg ${error.toExponential(1)}`);
      expect(error).toBeLessThan(1e-6);
      fits.push(fit);
    }
    // Same objective, same stopping rule: the two land on the same point to far below the tolerance.
    expect(Math.abs(fits[0].loss - fits[1].loss)).toBeLessThan(1e-12);
  });

  it("the two engines agree on raw-scale, offset features, where the scales shape the penalty and the stopping rule", async () => {
    // The JS engine takes the column scales from its first Hessian, the TF.js one from a pass of
    // its own: on features far from standardised (factors 1e-3 … 1e3, offsets) both must stop at
    // the same optimum of C·Σ log loss + ½‖β‖².
    const { table, target } = bankDesign();
    const factors = [1000, 0.001, 3, 250, 0.5, 40, 7];
    const raw = makeTable([
      ...bankFeatures.map((name, j) => ({
        name, type: "number" as const, values: (getColumn(table, name).values as Float64Array).map((v) => v * factors[j % factors.length] + 100 * j),
      })),
    ]);
    const design = buildDesignMatrix(raw, { features: bankFeatures, y: target.y });
    const [js, tfjs] = [await fitLogistic(design, { engine: "js" }), await fitLogistic(design, { engine: "tfjs" })];
    expect(js.converged && tfjs.converged).toBe(true);
    expect(maxRelError([...js.coefficients.map((c) => c.estimate), js.intercept.estimate], [...tfjs.coefficients.map((c) => c.estimate), tfjs.intercept.estimate])).toBeLessThan(1e-6);
    expect(Math.abs(js.loss - tfjs.loss)).toBeLessThan(1e-12);
  });

  it("gives sklearn's metrics on its own predictions", async () => {
    const { table, target, design } = bankDesign();
    const fit = await fitLogistic(design);
    const prob = linearPredictor(fit, table).map(sigmoid);
    const m = binaryMetrics(target.y, prob);
    const r = ref["C=1"].newtonCg.metrics;
    console.info("bank C=1 metrics vs sklearn newton-cg:", Object.fromEntries(Object.entries(m).map(([k, v]) => [k, Math.abs(v - r[k])])));
    for (const k of ["accuracy", "precision", "recall", "f1", "roc_auc", "log_loss"] as const) expect(m[k]).toBeCloseTo(r[k], 9);
    expect(maxRelError(prob.subarray(0, 10), ref["C=1"].probFirst10)).toBeLessThan(1e-5);
  });

  it("reports progress every iteration and leaves no tensors behind", async () => {
    const { design } = bankDesign();
    const before = tf.memory().numTensors;
    const log: IterationInfo[] = [];
    const fit = await fitLogistic(design, { onIteration: (i) => log.push(i) });
    expect(tf.memory().numTensors).toBe(before);
    expect(log.map((i) => i.iteration)).toEqual(Array.from({ length: fit.iterations }, (_, k) => k + 1));
    expect(log.at(-1)!.step).toBeLessThanOrEqual(1e-8);
    // Newton's objective never goes up.
    for (let k = 1; k < log.length; k++) expect(log[k].loss).toBeLessThanOrEqual(log[k - 1].loss + 1e-15);
  });

  it("stops with CancelledError between iterations and frees its tensors", async () => {
    const { design } = bankDesign();
    const before = tf.memory().numTensors;
    const signal = { aborted: false };
    const seen: number[] = [];
    const run = fitLogistic(design, { signal, onIteration: (i) => { seen.push(i.iteration); if (i.iteration === 2) signal.aborted = true; } });
    await expect(run).rejects.toBeInstanceOf(CancelledError);
    expect(seen).toEqual([1, 2]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it("warns when it runs out of iterations", async () => {
    const { design } = bankDesign();
    const fit = await fitLogistic(design, { maxIter: 1 });
    expect(fit.converged).toBe(false);
    expect(fit.warnings.join(" ")).toMatch(/Did not converge in 1 iterations/);
  });
});

describe("fitLogistic input checks", () => {
  const tiny = (y: number[]) =>
    makeTable([
      { name: "x", type: "number", values: Float64Array.from(y, (_, i) => i) },
      { name: "y", type: "number", values: Float64Array.from(y) },
    ]);

  it("refuses a target with a single class", async () => {
    const t = tiny([1, 1, 1, 1]);
    const design = buildDesignMatrix(t, { features: ["x"], y: Float64Array.of(1, 1, 1, 1) });
    await expect(fitLogistic(design)).rejects.toThrow(/single class/);
  });

  it("handles separable data: the penalty keeps coefficients finite", async () => {
    const t = tiny([0, 0, 0, 1, 1, 1]);
    const fit = await fitLogistic(buildDesignMatrix(t, { features: ["x"], y: Float64Array.of(0, 0, 0, 1, 1, 1) }));
    expect(fit.converged).toBe(true);
    expect(Number.isFinite(fit.coefficients[0].estimate)).toBe(true);
    expect(fit.coefficients[0].estimate).toBeGreaterThan(0);
  });
});
