// Cheap guards for the boundaries in DESIGN.md section 2.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cellKinds } from "../../src/core/cells/registry";
import { CELL_PORTS } from "../../src/core/cells/ports";
import { repoRoot } from "../helpers/node-context";

function files(dir: string, ext: RegExp): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full, ext) : ext.test(name) ? [full] : [];
  });
}
const importsOf = (file: string) => [...readFileSync(file, "utf8").matchAll(/(?:import|export)[^"']*?from\s*["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1] ?? m[2]);

describe("architecture", () => {
  it("src/core imports no svelte, comlink, TF.js backend, DOM layer or worker code", () => {
    const bad = files(path.join(repoRoot, "src/core"), /\.ts$/).flatMap((f) =>
      importsOf(f)
        .filter((spec) => /^svelte|^comlink|@tensorflow\/tfjs-backend-|\/ui\/|\/state\/|\/bridge\/|workers\/|^node:/.test(spec))
        .map((spec) => `${path.relative(repoRoot, f)} imports ${spec}`),
    );
    expect(bad).toEqual([]);
  });

  it("main-thread code never imports the cell implementations (TF.js and HiGHS stay in the worker)", () => {
    const mainThread = [...files(path.join(repoRoot, "src/ui"), /\.(ts|svelte)$/), ...files(path.join(repoRoot, "src/state"), /\.ts$/), path.join(repoRoot, "src/main.ts")];
    const resolve = (file: string, spec: string) => (spec.startsWith(".") ? path.relative(repoRoot, path.resolve(path.dirname(file), spec)) : spec);
    const bad = mainThread.flatMap((f) =>
      importsOf(f)
        .map((spec) => resolve(f, spec))
        .filter((target) => /^src\/core\/(cells\/registry|cells\/(data|preprocess|model|evaluate|forecast|allocate)$|models|allocate|forecast|steps)|@tensorflow|^highs|danfojs/.test(target))
        .map((target) => `${path.relative(repoRoot, f)} imports ${target}`),
    );
    expect(bad).toEqual([]);
  });

  it("every cell kind declares exactly the ports the main thread plans with", () => {
    for (const [id, kind] of Object.entries(cellKinds)) {
      expect({ id, inputs: kind.inputs, optional: kind.optionalInputs ?? [] }).toEqual({
        id,
        inputs: CELL_PORTS[id as keyof typeof CELL_PORTS].inputs,
        optional: CELL_PORTS[id as keyof typeof CELL_PORTS].optionalInputs,
      });
    }
  });
});

describe("model catalog", () => {
  it("the UI's model catalog lists exactly the registered algorithms with the same tasks", async () => {
    const { ALGORITHMS } = await import("../../src/core/models/algorithms");
    const { MODEL_CATALOG } = await import("../../src/core/cells/model-catalog");
    expect(MODEL_CATALOG.map((a) => ({ id: a.id, tasks: [...a.tasks] }))).toEqual(
      Object.values(ALGORITHMS).map((a) => ({ id: a.id, tasks: [...a.tasks] })),
    );
  });
});
