import { mulberry32 } from "../random";
import type { AllocationSpec } from "./model";
import type { ResponseCurve } from "./response";

/**
 * The `allocate_10k` benchmark problem: `units` units (default 10,000), each with a seeded
 * saturating (2 in 3) or linear (1 in 3) response, a minimum (half the units), a maximum, and
 * one budget constraint; `segments` chords per curve (default 10). Deterministic for a seed
 * (mulberry32), so timings compare like with like. Solve it with `buildSpecLp` + HiGHS, or
 * `solveSpec`.
 */
export function buildAllocate10k(seed = 42, units = 10_000, segments = 10): AllocationSpec {
  const rand = mulberry32(seed);
  const total = 1_000 * units;
  const names: string[] = [];
  const min: number[] = [];
  const max: number[] = [];
  const curves: ResponseCurve[] = [];
  for (let u = 0; u < units; u++) {
    names.push(`unit ${u}`);
    min.push(rand() < 0.5 ? 0 : 100 * rand());
    max.push(1_000 + 4_000 * rand());
    curves.push(rand() < 1 / 3 ? { type: "linear", rate: 0.05 + 0.3 * rand() } : { type: "saturating", a: 500 + 3_000 * rand(), b: 300 + 2_000 * rand() });
  }
  return {
    units: names,
    resources: [{ name: "budget", word: "spend", total, integer: false, cost: 1, min, max, curves }],
    groups: [],
    ratios: [],
    objective: { type: "return" },
    segments,
  };
}

