import { normalQuantile } from "./distributions";
import { etsPointForecast, trendMultiplier, type EtsSpec } from "./ets-model";
import type { EtsFit } from "./ets-fit";
import { normalBands, simulatedBands, type MultiForecast } from "./intervals";
import type { Rng } from "./rng";

/** Simulated paths for the models without an analytic interval. */
const SIM_PATHS = 2000;

/**
 * Forecasts from a fitted ETS model. Intervals are analytic for Hyndman et al.'s (2008, ch. 6)
 * class 1 (additive error, no or additive season: v_h = σ²(1 + Σ_{j<h} c_j²)) and class 2
 * (multiplicative error, no season: θ_h = μ_h² + σ² Σ_{j<h} c_j² θ_{h−j}, v_h = (1+σ²)θ_h − μ_h²),
 * with c_j = α + β·φ_j + γ·[j ≡ 0 mod m]. Every other form (multiplicative season) gets
 * quantiles of seeded simulated sample paths.
 */
export function etsForecast(fit: EtsFit, horizon: number, levels: readonly number[], rng: Rng): MultiForecast {
  const { spec, params: p, sigma2 } = fit;
  const point = etsPointForecast(spec, p, fit.state, horizon);
  const c = (j: number) => p.alpha + p.beta * trendMultiplier(spec.trend, p.phi, j) + (spec.season !== "N" && j % spec.m === 0 ? p.gamma : 0);
  if (spec.error === "A" && spec.season !== "M") {
    const sd = new Float64Array(horizon);
    let acc = 1;
    for (let h = 1; h <= horizon; h++) {
      if (h > 1) acc += c(h - 1) ** 2;
      sd[h - 1] = Math.sqrt(sigma2 * acc);
    }
    return { point, bands: normalBands(point, sd, levels, normalQuantile) };
  }
  if (spec.error === "M" && spec.season === "N") {
    const theta = new Float64Array(horizon);
    const sd = new Float64Array(horizon);
    for (let h = 1; h <= horizon; h++) {
      let s = point[h - 1] ** 2;
      for (let j = 1; j < h; j++) s += sigma2 * c(j) ** 2 * theta[h - j - 1];
      theta[h - 1] = s;
      sd[h - 1] = Math.sqrt(Math.max(0, (1 + sigma2) * s - point[h - 1] ** 2));
    }
    return { point, bands: normalBands(point, sd, levels, normalQuantile) };
  }
  const paths = Array.from({ length: SIM_PATHS }, () => simulatePath(fit, horizon, rng));
  return { point, bands: simulatedBands(paths, horizon, levels) };
}

/** One future path: the recursions driven by N(0, σ²) errors (relative for "M" error). */
export function simulatePath(fit: EtsFit, horizon: number, rng: Rng): Float64Array {
  const { spec, params: p } = fit;
  const sd = Math.sqrt(fit.sigma2);
  const m = spec.season === "N" ? 1 : spec.m;
  const seas = Float64Array.from(fit.state.season.length ? fit.state.season : [0]);
  const damp = spec.trend === "Ad" ? p.phi : 1;
  let l = fit.state.level;
  let b = fit.state.slope;
  const out = new Float64Array(horizon);
  for (let h = 0; h < horizon; h++) {
    const k = h % m;
    const s = spec.season === "N" ? 0 : seas[k];
    const lb = l + damp * b;
    const mu = spec.season === "M" ? lb * s : lb + s;
    const eps = sd * rng.normal();
    const e = spec.error === "M" ? mu * eps : eps;
    out[h] = mu + e;
    step(spec, p.alpha, p.beta, p.gamma, e, s, lb, (nl, nb, ns) => {
      l = nl;
      b = nb;
      if (spec.season !== "N") seas[k] = ns;
    }, damp * b);
  }
  return out;
}

function step(spec: EtsSpec, alpha: number, beta: number, gamma: number, e: number, s: number, lb: number, set: (l: number, b: number, s: number) => void, dampedB: number): void {
  const ls = spec.season === "M" ? e / s : e;
  const ns = spec.season === "A" ? s + gamma * e : spec.season === "M" ? s + (gamma * e) / lb : 0;
  set(lb + alpha * ls, spec.trend === "N" ? 0 : dampedB + beta * ls, ns);
}
