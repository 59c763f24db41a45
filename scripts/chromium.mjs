// One place for how we launch Debian's Chromium (tests, runner, benchmarks).
// The background-networking flags keep Chromium from dialling out on this closed network.
export const chromiumPath = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
export const chromiumArgs = [
  "--no-sandbox",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--enable-unsafe-webgpu",
  "--enable-precise-memory-info",
  // Extra flags from the environment, e.g. to get a real Vulkan adapter for WebGPU on a headless Linux GPU machine.
  ...(process.env.CHROMIUM_EXTRA_ARGS ?? "").split(/\s+/).filter(Boolean),
];
