// A RunContext for Node tests: samples come from public/data, files from a map the test gives
// (usually paths under ../shared/data), LPs go to HiGHS's WebAssembly build loaded in Node.
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import path from "node:path";
import type { DataSource, LpSolution, RunContext } from "../../src/core/cells/types";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
/** ../shared/data beside the checkout (CI puts shared/ there). */
export const sharedData = path.resolve(repoRoot, "../shared/data");

let highsPromise: Promise<{ solve(lp: string, options?: object): unknown }> | undefined;

export function nodeContext(opts: { files?: Record<string, string>; seed?: number; signal?: AbortSignal } = {}): RunContext & {
  progressLog: number[];
} {
  const progressLog: number[] = [];
  return {
    seed: opts.seed ?? 42,
    signal: opts.signal ?? new AbortController().signal,
    progressLog,
    progress(fraction: number) {
      progressLog.push(fraction);
    },
    async readSource(source: DataSource): Promise<Uint8Array> {
      const file =
        source.type === "sample"
          ? path.join(repoRoot, "public/data", `${source.name}.csv`)
          : (opts.files?.[source.name] ?? source.name);
      return new Uint8Array(await readFile(file));
    },
    async solveLp(lp: string, options?: object): Promise<LpSolution> {
      highsPromise ??= import("highs").then((m) => (m.default as unknown as () => Promise<{ solve(lp: string, o?: object): unknown }>)());
      const highs = await highsPromise;
      const { toLpSolution } = await import("../../src/core/allocate/highs-result");
      return toLpSolution(highs.solve(lp, options));
    },
  };
}
