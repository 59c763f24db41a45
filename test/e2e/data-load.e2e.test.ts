// A large CSV dropped on a data cell is parsed in the worker: the page stays responsive.
import { afterAll, beforeAll, expect, it } from "vitest";
import { chromium, type Browser } from "playwright-core";
import { chromiumArgs, chromiumPath } from "../../scripts/chromium.mjs";
import { startStaticServer } from "../../scripts/serve.mjs";

let server: { url: string; close(): Promise<void> };
let browser: Browser;
beforeAll(async () => {
  server = await startStaticServer({ root: "dist" });
  browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs, headless: true });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** A seeded CRM-like CSV of `n` rows (about 60 bytes a row). */
function crmCsv(n: number): Buffer {
  let s = 1;
  const rand = () => ((s = (s * 16807) % 2147483647) / 2147483647);
  const regions = ["North", "South", "East", "West", "Central"];
  const lines = ["id,created,region,amount,won,lead_score"];
  for (let i = 0; i < n; i++) {
    const day = 1 + Math.floor(rand() * 28);
    lines.push(`${i},2024-0${1 + Math.floor(rand() * 9)}-${String(day).padStart(2, "0")},${regions[i % 5]},${(rand() * 50000).toFixed(2)},${rand() < 0.4 ? 1 : 0},${rand() < 0.03 ? "" : Math.floor(rand() * 100)}`);
  }
  return Buffer.from(lines.join("\n") + "\n");
}

it("loading a 300,000-row CSV causes no main-thread task over 200 ms, and the parse runs in the worker", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(server.url);
  await page.waitForFunction(() => document.querySelector('[data-cell-id="deals"] [data-testid="cell-status"]')?.getAttribute("data-status") === "done", undefined, { timeout: 120_000 });
  // Let the sample notebook finish before measuring.
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="cell-status"]')].every((c) => ["done", "error"].includes(c.getAttribute("data-status") ?? "")), undefined, { timeout: 120_000 });
  // The file is made in the page before measuring (playwright's setInputFiles builds it with page
  // JavaScript, which would itself show up as a long task), then dropped on the cell as a user would.
  const file = crmCsv(300_000);
  await page.evaluate((text) => {
    (window as unknown as { bigFile: File }).bigFile = new File([text], "big.csv", { type: "text/csv" });
  }, file.toString("utf8"));
  await page.evaluate(() => {
    const w = window as unknown as { longTasks: number[]; bigFile: File };
    w.longTasks = [];
    new PerformanceObserver((list) => list.getEntries().forEach((e) => w.longTasks.push(e.duration))).observe({ type: "longtask" });
    const drop = new DataTransfer();
    drop.items.add(w.bigFile);
    document.querySelector('[data-cell-id="deals"] .dropzone')!.dispatchEvent(new DragEvent("drop", { dataTransfer: drop, bubbles: true, cancelable: true }));
  });
  await page.waitForFunction(() => /300,000/.test(document.querySelector('[data-cell-id="deals"] .summary')?.textContent ?? ""), undefined, { timeout: 120_000 });
  await page.waitForTimeout(500);
  const longTasks = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
  // The goal is no task over 50 ms; assert a bound this shared 2-core CI machine meets
  // reliably and report the measured figures, so a regression to parsing on the page fails.
  console.log(`long tasks while loading 300k rows (${(file.length / 1e6).toFixed(1)} MB): ${JSON.stringify(longTasks.map(Math.round))}`);
  expect(Math.max(0, ...longTasks)).toBeLessThan(200);
  await context.close();
});
