// Trained models in the app: kept in IndexedDB so a reload restores them instead of training,
// exported as a model file, and used by another model cell to predict without training.
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { useBuiltApp, waitForAllCells as settled } from "../helpers/e2e";

const app = useBuiltApp();

describe("trained models", () => {
  it("a reload restores the boosted model, which exports as a file another cell predicts with", async () => {
    const context = await app.browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(app.server.url);
    await settled(page);
    const gb = '[data-cell-id="win_gb"]';
    // 600 rounds: far above the 200 ms under which fits are not stored, on any machine.
    await page.click(`${gb} >> text=Hyperparameters`);
    const rounds = page.locator(gb).getByLabel("Iterations", { exact: true });
    await rounds.fill("600");
    await rounds.press("Tab");
    await page.waitForFunction((sel) => document.querySelector(`${sel} .model-file-bar`)?.textContent?.includes("kept in this browser, so a reload restores it"), gb, { timeout: 120_000 });
    await settled(page);
    const auc = await page.textContent(`${gb} .summary`);
    await page.waitForTimeout(600); // autosave is debounced

    await page.reload();
    await settled(page);
    expect(await page.textContent(`${gb} .model-file-bar`)).toMatch(/Restored the model trained .* from this browser/);
    expect(await page.textContent(`${gb} .summary`)).toBe(auc);

    const [download] = await Promise.all([page.waitForEvent("download"), page.click(`${gb} >> text=Export model`)]);
    const fileText = readFileSync(await download.path(), "utf8");
    const file = JSON.parse(fileText);
    expect(file).toMatchObject({ format: "sales-notebook-model", algorithm: "gradient_boosting", task: "classification", target: "won" });

    // The logistic cell now predicts with the boosted model's file instead of training.
    await page.setInputFiles('[data-cell-id="win"] input[type="file"]', { name: "win_gb.model.json", mimeType: "application/json", buffer: Buffer.from(fileText) });
    await page.waitForFunction(() => document.querySelector('[data-cell-id="win"] .model-file-bar')?.textContent?.includes("Predicting with the model in win_gb.model.json"), undefined, { timeout: 60_000 });
    await settled(page);
    expect(await page.getAttribute('[data-cell-id="win"] [data-testid="cell-status"]', "data-status")).toBe("done");

    await page.click('[data-cell-id="win"] >> text=Train here instead');
    await page.waitForFunction(() => !document.querySelector('[data-cell-id="win"] .model-file-bar')?.textContent?.includes("Predicting with"), undefined, { timeout: 60_000 });
    await settled(page);
    expect(await page.getAttribute('[data-cell-id="win"] [data-testid="cell-status"]', "data-status")).toBe("done");
    await context.close();
  });
});
