/**
 * Choosing the TF.js backend inside the worker.
 *
 * `auto` walks WebGPU -> WebGL -> WASM -> CPU and takes the first that is real hardware
 * acceleration or, failing that, the fastest CPU path. A software WebGPU adapter (SwiftShader,
 * `isFallbackAdapter`) or a software WebGL renderer is not a GPU: measured here, a 1024^3 matMul
 * took 10.8 s on SwiftShader WebGPU against 0.11 s on WASM, so `auto` skips them. A forced choice
 * is honoured even when it is software, and fails loudly when it cannot start.
 */
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import "@tensorflow/tfjs-backend-webgl";
import "@tensorflow/tfjs-backend-webgpu";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import wasmPlainUrl from "@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url";
import wasmSimdUrl from "@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url";
import type { BackendChoice } from "../src/core/notebook/types";
import type { BackendInfo, BackendName, BackendProbe } from "../src/bridge/api";

// The threaded WASM build needs cross-origin isolation (which static hosts rarely give) and, on
// 2-core machines, tfjs 4.22 starts only one thread anyway; the SIMD build is the fast path.
tf.env().set("WASM_HAS_MULTITHREAD_SUPPORT", false);
setWasmPaths({
  "tfjs-backend-wasm.wasm": wasmPlainUrl,
  "tfjs-backend-wasm-simd.wasm": wasmSimdUrl,
  "tfjs-backend-wasm-threaded-simd.wasm": wasmSimdUrl,
});

interface GpuAdapterLike {
  readonly isFallbackAdapter?: boolean;
  readonly info?: { readonly vendor?: string; readonly architecture?: string; readonly description?: string };
}

/** Describes the WebGPU adapter, or why there is none. */
async function probeWebGpuAdapter(): Promise<{ ok: boolean; isSoftware: boolean; note: string }> {
  const gpu = (navigator as unknown as { gpu?: { requestAdapter(): Promise<GpuAdapterLike | null> } }).gpu;
  if (!gpu) return { ok: false, isSoftware: false, note: "WebGPU is not available in this browser" };
  const adapter = await gpu.requestAdapter().catch(() => null);
  if (!adapter) return { ok: false, isSoftware: false, note: "no WebGPU adapter" };
  const info = adapter.info ?? {};
  const name = [info.vendor, info.architecture, info.description].filter(Boolean).join(" ") || "unknown adapter";
  const isSoftware = adapter.isFallbackAdapter === true || /swiftshader|llvmpipe|lavapipe/i.test(name);
  return { ok: true, isSoftware, note: isSoftware ? `software adapter (${name}): not a GPU` : `GPU adapter: ${name}` };
}

/** The WebGL renderer string of the current webgl backend ("" when unknown). */
function webglRenderer(): string {
  const backend = tf.backend() as unknown as { gpgpu?: { gl?: WebGL2RenderingContext } };
  const gl = backend.gpgpu?.gl;
  if (!gl) return "";
  const ext = gl.getExtension("WEBGL_debug_renderer_info");
  return String(ext ? gl.getParameter(ext.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER));
}

/** Why the last `trySet` failed (TF.js logs backend init errors rather than throwing them). */
let lastFailure = "";

async function trySet(name: BackendName): Promise<boolean> {
  const log = console.warn;
  lastFailure = "";
  // TF.js reports a failed backend init through console.warn; keep the text for the UI.
  console.warn = (...args: unknown[]) => {
    lastFailure = args.map(String).join(" ").slice(0, 300);
  };
  try {
    return (await tf.setBackend(name)) && tf.getBackend() === name;
  } catch (error) {
    lastFailure = (error as Error).message;
    return false;
  } finally {
    console.warn = log;
  }
}

interface GpuDeviceLike {
  readonly lost: Promise<{ readonly reason?: string; readonly message?: string }>;
  destroy(): void;
}

/** The WebGPU backend's device, when that backend runs. */
function gpuDevice(): GpuDeviceLike | undefined {
  return tf.getBackend() === "webgpu" ? (tf.backend() as unknown as { device?: GpuDeviceLike }).device : undefined;
}

/**
 * A lost GPU device (driver reset, GPU process crash, the OS reclaiming it) leaves the backend
 * unusable. The worker then fails on purpose with an uncaught error, which the page treats as a
 * crash: it starts a new worker (a new device, or another backend) and re-runs what was lost.
 */
function watchGpuDevice(): void {
  void gpuDevice()?.lost.then((info) => {
    setTimeout(() => {
      throw new Error(`GPU device lost (${info.reason ?? "unknown reason"}${info.message ? `: ${info.message}` : ""})`);
    });
  });
}

/** Testing aid: destroys the WebGPU device, as a GPU reset would lose it. */
export function loseGpuDevice(): void {
  const device = gpuDevice();
  if (!device) throw new Error("The WebGPU backend is not running, so there is no GPU device to lose");
  device.destroy();
}

/** Starts the requested backend (probing for `auto`) and says which one runs and why. */
export async function chooseBackend(choice: BackendChoice): Promise<BackendInfo> {
  const info = await startBackend(choice);
  if (info.backend === "webgpu") watchGpuDevice();
  return info;
}

async function startBackend(choice: BackendChoice): Promise<BackendInfo> {
  const probes: BackendProbe[] = [];
  if (choice !== "auto") {
    const ok = await trySet(choice);
    if (!ok) throw new Error(`The ${choice} backend could not start in this browser${lastFailure ? ` (${lastFailure})` : ""}; choose another or "auto"`);
    const detail = choice === "webgpu" ? (await probeWebGpuAdapter()).note : choice === "webgl" ? webglRenderer() : "";
    probes.push({ backend: choice, ok: true, note: detail || "chosen by the user" });
    return { backend: choice, reason: `${label(choice)}, chosen in settings${detail ? ` (${detail})` : ""}`, probes };
  }

  const gpu = await probeWebGpuAdapter();
  if (gpu.ok && !gpu.isSoftware && (await trySet("webgpu"))) {
    probes.push({ backend: "webgpu", ok: true, note: gpu.note });
    return { backend: "webgpu", reason: `WebGPU on ${gpu.note.replace(/^GPU adapter: /, "")}`, probes };
  }
  probes.push({ backend: "webgpu", ok: false, note: gpu.ok && !gpu.isSoftware ? "failed to start" : gpu.note });

  if (typeof OffscreenCanvas !== "undefined" && (await trySet("webgl"))) {
    const renderer = webglRenderer();
    if (renderer && !/swiftshader|llvmpipe|software/i.test(renderer)) {
      probes.push({ backend: "webgl", ok: true, note: renderer });
      return { backend: "webgl", reason: `WebGL on ${renderer}`, probes };
    }
    probes.push({ backend: "webgl", ok: false, note: `software renderer (${renderer || "unknown"}): not a GPU` });
  } else {
    probes.push({ backend: "webgl", ok: false, note: "WebGL is not available in a worker here" });
  }

  if (await trySet("wasm")) {
    probes.push({ backend: "wasm", ok: true, note: "WebAssembly SIMD" });
    const why = probes.filter((p) => !p.ok).map((p) => `${label(p.backend)}: ${p.note}`).join("; ");
    return { backend: "wasm", reason: `WASM (no hardware GPU: ${why})`, probes };
  }
  probes.push({ backend: "wasm", ok: false, note: `WebAssembly backend failed to start${lastFailure ? `: ${lastFailure}` : ""}` });

  await trySet("cpu");
  probes.push({ backend: "cpu", ok: true, note: "plain JavaScript" });
  return { backend: "cpu", reason: "CPU (plain JavaScript): no faster backend could start", probes };
}

function label(name: BackendName): string {
  return { webgpu: "WebGPU", webgl: "WebGL", wasm: "WASM", cpu: "CPU" }[name];
}
