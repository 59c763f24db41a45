import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  bgnbdExpectedPurchases,
  bgnbdLogLik,
  bgnbdProbAlive,
  fitBgNbd,
  fitGammaGamma,
  gammaGammaExpectedSpend,
  hyp2f1,
  clusterRfm,
  logGamma,
  modelClv,
  nelderMead,
  simpleClv,
} from "../../../src/core/customers";
import { silhouetteScore } from "../../../src/core/models/kmeans-silhouette";
import { repoRoot, sharedData } from "../../helpers/node-context";

const fixture = (name: string) => JSON.parse(readFileSync(path.join(repoRoot, "test/fixtures/reference", name), "utf8"));
const cdnow = fixture("customers_cdnow.json");
const csv = (file: string) => readFileSync(path.join(sharedData, "retail/cdnow", file), "utf8").trim().split(/\r?\n/).slice(1).map((l) => l.split(",").map(Number));
const rel = (a: number, b: number) => Math.abs(a / b - 1);

describe("special functions", () => {
  it("logGamma matches factorials, Γ(1/2) = √π and a tiny argument", () => {
    expect(logGamma(1)).toBeCloseTo(0, 14);
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 14);
    expect(logGamma(21)).toBeCloseTo(Math.log(2432902008176640000), 11);
    // scipy.special.gammaln values.
    expect(rel(logGamma(171.5), 709.1431630309283)).toBeLessThan(1e-14);
    expect(rel(logGamma(3.7), 1.428072326665388)).toBeLessThan(1e-14);
    expect(rel(logGamma(1e-8), -Math.log(1e-8) - 0.5772156649e-8)).toBeLessThan(1e-12);
    expect(logGamma(0)).toBeNaN();
  });

  it("hyp2f1 matches closed forms", () => {
    for (const z of [0, 0.1, 0.5, 0.9, 0.99]) {
      expect(hyp2f1(1, 1, 2, z)).toBeCloseTo(z === 0 ? 1 : -Math.log(1 - z) / z, 12);
      expect(hyp2f1(0.7, 2.3, 2.3, z)).toBeCloseTo(Math.pow(1 - z, -0.7), 10);
    }
    expect(() => hyp2f1(1, 1, 2, 1)).toThrow(RangeError);
  });

  it("Nelder-Mead finds the Rosenbrock minimum", () => {
    const m = nelderMead((x) => 100 * (x[1] - x[0] ** 2) ** 2 + (1 - x[0]) ** 2, [-1.2, 1]);
    expect(m.x[0]).toBeCloseTo(1, 5);
    expect(m.x[1]).toBeCloseTo(1, 5);
  });
});

describe("BG/NBD and Gamma-Gamma on CDNOW", () => {
  const rows = csv("cdnow_customers_summary.csv");
  const data = { x: Float64Array.from(rows, (r) => r[1]), tx: Float64Array.from(rows, (r) => r[2]), T: Float64Array.from(rows, (r) => r[3]) };

  it("fits Fader, Hardie & Lee's parameters: r 0.2426, α 4.4135, a 0.7929, b 2.4258, −LL 9582.43", () => {
    const fit = fitBgNbd(data);
    const published = { r: 0.2426, alpha: 4.4135, a: 0.7929, b: 2.4258 };
    for (const [k, v] of Object.entries(published)) expect(rel(fit.params[k as keyof typeof published], v), k).toBeLessThan(0.005);
    for (const k of Object.keys(published)) expect(rel(fit.params[k as keyof typeof published], cdnow.bgnbd[k]), k).toBeLessThan(1e-5);
    expect(fit.negLogLik).toBeCloseTo(9582.4256, 3);
    expect(fit.converged).toBe(true);
    expect(-bgnbdLogLik(cdnow.bgnbd, data)).toBeCloseTo(cdnow.bgnbd.neg_loglik, 6);
  });

  it("predicts purchases, P(alive), spend and CLV as the scipy reference does", () => {
    const bg = cdnow.bgnbd;
    const gg = cdnow.gamma_gamma;
    const z = csv("cdnow_customers_summary_with_transactions.csv");
    for (let i = 0; i < 10; i++) {
      const [x, tx, T] = [data.x[i], data.tx[i], data.T[i]];
      expect(rel(bgnbdExpectedPurchases(bg, 39, x, tx, T), cdnow.first10.expected_39w[i])).toBeLessThan(1e-10);
      expect(rel(bgnbdProbAlive(bg, x, tx, T), cdnow.first10.p_alive[i])).toBeLessThan(1e-12);
      const spend = gammaGammaExpectedSpend(gg, z[i][1], z[i][4]);
      expect(rel(spend, cdnow.first10.spend[i])).toBeLessThan(1e-12);
      expect(rel(modelClv(bg, { x, tx, T }, spend, 12, 0.01, 365.25 / 12 / 7), cdnow.first10.clv_12m_1pct[i])).toBeLessThan(1e-10);
    }
  });

  it("fits Gamma-Gamma to p 6.25, q 3.74, v 15.44 on the 946 repeat buyers", () => {
    const z = csv("cdnow_customers_summary_with_transactions.csv").filter((r) => r[1] > 0);
    expect(z.length).toBe(946);
    const fit = fitGammaGamma(Float64Array.from(z, (r) => r[1]), Float64Array.from(z, (r) => r[4]));
    expect(rel(fit.params.p, 6.25)).toBeLessThan(0.01);
    expect(rel(fit.params.q, 3.74)).toBeLessThan(0.01);
    expect(rel(fit.params.v, 15.44)).toBeLessThan(0.01);
    expect(fit.negLogLik).toBeCloseTo(cdnow.gamma_gamma.neg_loglik, 5);
  });

  it("simple CLV discounts a constant monthly revenue", () => {
    expect(simpleClv(100, 2, 0.1)).toBeCloseTo(100 / 1.1 + 100 / 1.21, 12);
    expect(simpleClv(100, 2, 0, 0.5)).toBeCloseTo(50 + 25, 12);
  });
});

describe("RFM clustering (on the model k-means)", () => {
  const s = fixture("customers_silhouette.json");
  const points = Float64Array.from(s.points.flat() as number[]);
  it("the silhouette it scores with equals scikit-learn's silhouette_score", () => {
    expect(silhouetteScore(points, points.length / 3, 3, Int32Array.from(s.labels), 3)).toBeCloseTo(s.silhouette, 12);
  });
  it("is seeded, recovers three separated blobs and picks k = 3 by silhouette", async () => {
    const a = await clusterRfm(points, 11, undefined, () => undefined);
    const b = await clusterRfm(points, 11, undefined, () => undefined);
    expect([...a.result.labels]).toEqual([...b.result.labels]);
    expect(a.result.k).toBe(3);
    // Points 0-29, 30-59 and 60-89 were drawn around three centres.
    for (const start of [0, 30, 60]) expect(new Set(a.result.labels.slice(start + 1, start + 11)).size).toBe(1);
    expect(a.silhouettes["3"]).toBeGreaterThan(s.silhouette);
  });
});
