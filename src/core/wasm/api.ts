/**
 * The WebAssembly API as the kernels use it (src/core compiles without the DOM library, which
 * types it): undefined where the engine has none.
 */
export interface WasmMemory {
  readonly buffer: ArrayBufferLike;
}

export interface WasmApi {
  Memory: new (descriptor: { initial: number; maximum?: number; shared?: boolean }) => WasmMemory;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { readonly exports: Record<string, unknown> };
}

export const wasmApi = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;

const PAGE = 65_536;

/**
 * A memory of at least `bytes`, shared (for helper threads) or private; undefined where
 * WebAssembly is missing, the engine refuses it, or it would pass 2 GiB (beyond it, byte addresses
 * overflow the kernels' i32 arithmetic).
 */
export function wasmMemory(bytes: number, shared: boolean): WasmMemory | undefined {
  const pages = Math.ceil(bytes / PAGE);
  if (!wasmApi || pages > 32_768) return undefined;
  try {
    return new wasmApi.Memory(shared ? { initial: pages, maximum: pages, shared: true } : { initial: pages });
  } catch {
    return undefined;
  }
}
