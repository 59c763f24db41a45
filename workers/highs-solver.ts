// HiGHS (WebAssembly) loaded once, lazily, from the app's own origin.
import highsLoader from "highs";
import highsWasmUrl from "highs/runtime?url";
import { toLpSolution } from "../src/core/allocate/highs-result";
import type { LpSolution } from "../src/core/cells/types";

type Highs = { solve(lp: string, options?: object): unknown };
let highs: Promise<Highs> | undefined;

/** Solves a CPLEX-LP-format problem with HiGHS. */
export async function solveLp(lp: string, options?: object): Promise<LpSolution> {
  highs ??= (highsLoader as unknown as (o: object) => Promise<Highs>)({ locateFile: () => highsWasmUrl });
  return toLpSolution((await highs).solve(lp, options));
}
