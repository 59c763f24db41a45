// Excel and Parquet files chosen in the built app: their readers are chunks the worker loads on
// first use, so this checks that those chunks load and read in the production build.
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import * as XLSX from "xlsx";
import { useBuiltApp, waitForAllCells } from "../helpers/e2e";
import { repoRoot } from "../helpers/node-context";

const app = useBuiltApp();

async function chooseFile(page: import("playwright-core").Page, name: string, bytes: Buffer, pattern: RegExp): Promise<string> {
  await page.locator('[data-cell-id="deals"] input[type="file"]').setInputFiles({ name, mimeType: "application/octet-stream", buffer: bytes });
  await page.waitForFunction((source) => new RegExp(source).test(document.querySelector('[data-cell-id="deals"] .summary')?.textContent ?? ""), pattern.source, { timeout: 60_000 });
  return (await page.locator('[data-cell-id="deals"] .summary').textContent()) ?? "";
}

it("reads a Parquet file (pyarrow, zstd) and an Excel workbook's second sheet in the built worker", async () => {
  const context = await app.browser.newContext();
  const page = await context.newPage();
  await page.goto(app.server.url);
  await waitForAllCells(page);

  const parquet = readFileSync(path.join(repoRoot, "test/fixtures/parquet/deals-zstd.parquet"));
  expect(await chooseFile(page, "deals.parquet", parquet, /parquet/)).toMatch(/5/);

  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet([["title only"]]), "Cover");
  const rows = [["region", "amount"], ...Array.from({ length: 1234 }, (_, i) => [i % 2 ? "North" : "South", i * 2.5])];
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(rows), "Deals");
  const bytes = Buffer.from(XLSX.write(book, { type: "buffer", bookType: "xlsx" }) as Buffer);
  // The first sheet is read by default; once read, the Sheet option lists both sheets.
  expect(await chooseFile(page, "book.xlsx", bytes, /xlsx/)).toMatch(/Cover/);
  const cell = page.locator('[data-cell-id="deals"]');
  await cell.locator("details.read-options > summary").click();
  await cell.getByLabel("Sheet").selectOption("Deals");
  await page.waitForFunction(() => /1,234/.test(document.querySelector('[data-cell-id="deals"] .summary')?.textContent ?? ""), undefined, { timeout: 60_000 });
  await context.close();
});
