// The preprocess cell's step forms in the built app: an analyst adds, edits, switches off and
// undoes steps without writing JSON, sees an expression error where it is, and the form passes axe.
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { useBuiltApp } from "../helpers/e2e";
import type { RunReport } from "../../src/bridge/automation";

const app = useBuiltApp();

const NOTEBOOK = {
  format: "sales-notebook",
  version: 1,
  title: "Preprocess form",
  settings: { backend: "cpu", seed: 42, autorun: false },
  cells: [
    { id: "deals", kind: "data", params: { source: { type: "sample", name: "opportunities" } } },
    { id: "prep", kind: "preprocess", inputs: { data: "deals" }, params: { steps: [{ op: "impute", columns: ["lead_score"], strategy: "median" }] } },
  ],
};

const runAll = (page: Page) => page.evaluate(() => window.__salesNotebook!.runAll()) as Promise<RunReport>;
const prepOf = (report: RunReport) => report.cells.find((c) => c.id === "prep")!;
/** The cell's parameters as the notebook holds them (read from the cell's JSON view). */
async function paramsOf(page: Page) {
  return JSON.parse(await page.inputValue('[data-cell-id="prep"] textarea[aria-label="Parameters as JSON"]'));
}

async function seriousViolations(page: Page, selector: string): Promise<string[]> {
  return page.evaluate(async (sel) => {
    const axe = (window as unknown as { axe: { run(c: Element, o: object): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run(document.querySelector(sel)!, { resultTypes: ["violations"] });
    return result.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  }, selector);
}

describe("preprocess step forms", () => {
  it("adds a step through the form, edits it, switches a step off, shows an expression error in place, undoes, and passes axe", async () => {
    const context = await app.browser.newContext();
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on("pageerror", (e) => pageErrors.push(String(e)));
    await page.goto(new URL("/?automation=1", app.server.url).href);
    await page.waitForFunction(() => !!window.__salesNotebook);
    await page.evaluate(async (doc) => {
      await window.__salesNotebook!.whenReady();
      await window.__salesNotebook!.loadNotebook(doc);
    }, NOTEBOOK);
    const first = prepOf(await runAll(page));
    expect(first.status).toBe("done");
    const columnsBefore = first.nColumns!;

    const cell = page.locator('[data-cell-id="prep"]');
    // Add a derive step from the menu: it opens with a default built from the input's columns.
    await cell.getByLabel("New step").selectOption("derive");
    await cell.getByRole("button", { name: "Add step" }).click();
    const name = cell.getByLabel("New column");
    const expr = cell.getByLabel("Expression");
    expect(await name.inputValue()).toBe("derived");
    expect(await expr.inputValue()).toMatch(/\* 2$/);
    await name.fill("amount_k");
    await name.press("Tab");
    await expr.fill("amount / 1000");
    await expr.press("Enter");
    expect((await paramsOf(page)).steps).toEqual([
      { op: "impute", columns: ["lead_score"], strategy: "median" },
      { op: "derive", name: "amount_k", expr: "amount / 1000" },
    ]);
    const derived = prepOf(await runAll(page));
    expect(derived.status).toBe("done");
    expect(derived.nColumns).toBe(columnsBefore + 1);
    expect((derived.summary!.steps as { op: string; fitted: { column?: string } }[]).map((s) => s.op)).toEqual(["impute", "derive"]);

    // A select of the impute step: change its strategy.
    await cell.getByRole("button", { name: "Edit step 1 (impute)" }).click();
    await cell.getByLabel("Fill with").selectOption("mean");
    expect((await paramsOf(page)).steps[0].strategy).toBe("mean");

    // Switch the impute step off: the run skips it.
    await cell.getByLabel("Enable step 1 (impute)").uncheck();
    expect((await paramsOf(page)).steps[0]).toEqual({ op: "impute", columns: ["lead_score"], strategy: "mean", enabled: false });
    const skipped = prepOf(await runAll(page));
    expect((skipped.summary!.steps as { index: number }[]).map((s) => s.index)).toEqual([1]);

    // A broken expression: the error shows under the expression, with a caret at its position.
    await expr.fill("amount / (1000");
    await expr.press("Enter");
    expect(prepOf(await runAll(page)).status).toBe("error");
    const fieldError = cell.locator(".field-error");
    await fieldError.waitFor();
    expect(await fieldError.textContent()).toMatch(/character \d+/);
    expect(await fieldError.locator("pre").textContent()).toMatch(/amount \/ \(1000\n\s*\^$/);
    expect(await expr.getAttribute("aria-invalid")).toBe("true");

    // Axe on the cell, with the forms open and the error shown, in the light and the dark theme.
    await page.evaluate(readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8"));
    for (const theme of ["light", "dark"]) {
      await page.evaluate((t) => (document.documentElement.dataset.theme = t), theme);
      expect(await seriousViolations(page, '[data-cell-id="prep"]'), theme).toEqual([]);
    }

    // Undo takes back the broken expression (the notebook's own undo path).
    await page.click('button[aria-label="Undo"]');
    expect(await expr.inputValue()).toBe("amount / 1000");
    expect((await paramsOf(page)).steps[1].expr).toBe("amount / 1000");

    // The same step as JSON: edit there, and the form shows it.
    const secondStep = cell.locator("li.step").nth(1);
    await secondStep.getByLabel("Edit as JSON").check();
    await secondStep.getByLabel("step 2 (derive) as JSON").fill(JSON.stringify({ op: "derive", name: "amount_m", expr: "amount / 1000000" }));
    await secondStep.getByRole("button", { name: "Apply JSON" }).click();
    await secondStep.getByLabel("Edit as JSON").uncheck();
    expect(await secondStep.getByLabel("New column").inputValue()).toBe("amount_m");
    expect(prepOf(await runAll(page)).status).toBe("done");

    expect(pageErrors).toEqual([]);
    await context.close();
  });
});
