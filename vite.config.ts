import { defineConfig } from "vite";
import { svelte } from "@sveltejs/vite-plugin-svelte";
import { offlinePlugin } from "./scripts/offline-plugin.mjs";

// base "./" keeps every asset URL relative, so dist/ works from any static host and sub-path.
export default defineConfig({
  base: "./",
  plugins: [svelte(), offlinePlugin()],
  worker: { format: "es" },
  build: { target: "es2022", chunkSizeWarningLimit: 4000 },
});
