// danfo's package "exports" maps browsers to a 6 MB prebuilt bundle with its own TF.js 3 inside.
// This alias points at its non-bundled entry, so the app keeps one TF.js (4.22) (DESIGN.md 8).
import { fileURLToPath } from "node:url";

export const danfoAlias = {
  find: /^danfojs-browser$/,
  replacement: fileURLToPath(new URL("../node_modules/danfojs/dist/danfojs-browser/src/index.js", import.meta.url)),
};
