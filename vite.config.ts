import { defineConfig } from "vite";
import { svelte } from "@sveltejs/vite-plugin-svelte";
import { offlinePlugin } from "./scripts/offline-plugin.mjs";
import { danfoAlias } from "./scripts/danfo-alias.mjs";

// base "./" keeps every asset URL relative, so dist/ works from any static host and sub-path.
export default defineConfig({
  base: "./",
  plugins: [svelte(), offlinePlugin()],
  resolve: { alias: [danfoAlias] },
  worker: { format: "es" },
  build: { target: "es2022", chunkSizeWarningLimit: 4000 },
});
