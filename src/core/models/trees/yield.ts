/**
 * Lets the worker's event loop run between trees / iterations so a Cancel message (which sets
 * the signal) can arrive during a long synchronous fit. Throttled: a macrotask costs a few
 * milliseconds, so yield at most every `everyMs`.
 */
import { throwIfCancelled, type CancelSignal } from "../../cells/types";

type TimerHost = { setTimeout?: (callback: () => void, ms: number) => unknown };

/** A function to await between units of work: yields now and then, then checks the signal. */
export function cooperativeYield(signal: CancelSignal, everyMs = 50): () => Promise<void> {
  const timer = (globalThis as unknown as TimerHost).setTimeout;
  let last = Date.now();
  return async () => {
    if (timer && Date.now() - last >= everyMs) {
      await new Promise<void>((resolve) => timer(resolve, 0));
      last = Date.now();
    }
    throwIfCancelled(signal);
  };
}
