import { etsMinLength, fitEts, type EtsFit, type EtsFitOptions } from "./ets-fit";
import { etsName, type EtsError, type EtsSeason, type EtsSpec, type EtsTrend } from "./ets-model";

/**
 * The forms auto-ETS compares, as R's forecast::ets with its defaults: every error × trend
 * (N, A, Ad) × season (N, A, M), less additive error with multiplicative season (numerically
 * unstable), less anything multiplicative when a value is not positive, less seasonal forms when
 * m = 1 or the series is shorter than the form needs.
 */
export function etsCandidates(y: Float64Array, m: number): EtsSpec[] {
  const positive = y.every((v) => v > 0);
  const out: EtsSpec[] = [];
  for (const error of ["A", "M"] as EtsError[]) {
    for (const trend of ["N", "A", "Ad"] as EtsTrend[]) {
      for (const season of (m > 1 ? ["N", "A", "M"] : ["N"]) as EtsSeason[]) {
        if (error === "A" && season === "M") continue;
        if (!positive && (error === "M" || season === "M")) continue;
        const spec: EtsSpec = { error, trend, season, m: season === "N" ? 1 : m };
        if (y.length >= etsMinLength(spec)) out.push(spec);
      }
    }
  }
  return out;
}

/** The auto-ETS choice with the AICc of every form tried. */
export interface EtsSelection {
  readonly best: EtsFit;
  /** AICc per model name (Infinity where a form failed to fit). */
  readonly aicc: Readonly<Record<string, number>>;
}

/** Fits every candidate (or `specs`) and keeps the lowest AICc. */
export function selectEts(y: Float64Array, m: number, opts: EtsFitOptions & { specs?: readonly EtsSpec[] } = {}): EtsSelection {
  const specs = opts.specs ?? etsCandidates(y, m);
  let best: EtsFit | undefined;
  const aicc: Record<string, number> = {};
  for (const spec of specs) {
    let fit: EtsFit;
    try {
      fit = fitEts(spec, y, { init: opts.init });
    } catch {
      aicc[etsName(spec)] = Infinity;
      continue;
    }
    aicc[etsName(spec)] = fit.aicc;
    if (!best || fit.aicc < best.aicc) best = fit;
  }
  if (!best) throw new Error(`No exponential smoothing model could be fitted to ${y.length} periods`);
  return { best, aicc };
}
