import { defineConfig } from "vitest/config";
import { svelte } from "@sveltejs/vite-plugin-svelte";
import { playwright } from "@vitest/browser-playwright";
import { chromiumArgs, chromiumPath } from "./scripts/chromium.mjs";
import { danfoAlias } from "./scripts/danfo-alias.mjs";

export default defineConfig({
  plugins: [svelte()],
  resolve: { alias: [danfoAlias] },
  worker: { format: "es" },
  optimizeDeps: {
    // Found late by the dep optimiser otherwise, which reloads the page mid-test.
    include: [
      "comlink",
      "@observablehq/plot",
      "@tensorflow/tfjs-core",
      "@tensorflow/tfjs-backend-cpu",
      "@tensorflow/tfjs-backend-webgl",
      "@tensorflow/tfjs-backend-wasm",
      "@tensorflow/tfjs-backend-webgpu",
      "highs",
      // CommonJS: the dev server must pre-bundle it (the production build converts it itself).
      "danfojs-browser",
      // The data cell's Excel and Parquet readers (loaded on demand) and the writers the tests use.
      "xlsx",
      "hyparquet",
      "hyparquet-compressors/src/gzip.js",
      "hyparquet-compressors/src/brotli.js",
      "hyparquet-compressors/src/lz4.js",
      "fzstd",
      "hyparquet-writer",
    ],
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "core",
          environment: "node",
          include: ["test/core/**/*.test.ts"],
          setupFiles: ["test/helpers/setup-core.ts"],
          testTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: "browser",
          include: ["test/browser/**/*.browser.test.ts"],
          testTimeout: 120_000,
          browser: {
            enabled: true,
            headless: true,
            instances: [{ browser: "chromium" }],
            provider: playwright({ launchOptions: { executablePath: chromiumPath, args: chromiumArgs } }),
          },
        },
      },
      {
        // Drives the built dist/ in Chromium as a person would (npm test builds it first).
        extends: true,
        test: {
          name: "e2e",
          environment: "node",
          include: ["test/e2e/**/*.e2e.test.ts"],
          testTimeout: 240_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
