// Growing the typed arrays that steps.ts and segmentTable.ts keep their columns in.

/** A copy of `a`, `length` long: cut short, or filled out with zeros. */
export function copyOf<T extends Int32Array | Uint32Array | Uint8Array>(a: T, length: number): T {
  const b = new (a.constructor as new (n: number) => T)(length);
  b.set(a.subarray(0, Math.min(a.length, length)));
  return b;
}
