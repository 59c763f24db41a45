#!/usr/bin/env bash
# The whole test suite: typecheck, build the static site, then every Vitest project
# (core in Node, browser in Debian's Chromium, end-to-end against the built dist/).
set -euo pipefail
cd "$(dirname "$0")/.."
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
if [ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
  echo "Chromium not found at ${CHROMIUM_PATH:-/usr/bin/chromium}: install it with 'apt-get install -y chromium' (or run bash .ci/run)" >&2
  exit 1
fi
echo "== typecheck"
npx tsc -p tsconfig.core.json --noEmit
npx svelte-check --tsconfig ./tsconfig.json --threshold error --output human
echo "== build"
npx vite build --logLevel warn
echo "== tests"
npx vitest run "$@"
