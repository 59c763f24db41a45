/** Throws unless the two arrays have the same length (a silent mismatch would give wrong metrics). */
export function checkSameLength(a: ArrayLike<number>, b: ArrayLike<number>, what: string): void {
  if (a.length !== b.length) throw new Error(`${what}: ${a.length} true values but ${b.length} predictions`);
}
