// Sequence-number arithmetic modulo 2^32 (RFC 9293 §3.4): comparisons are made on the
// signed 32-bit difference, so they stay right across wrap-around.

export function seqAdd(a: number, b: number): number {
  return (a + b) >>> 0;
}

/** a − b as an unsigned 32-bit distance. */
export function seqSub(a: number, b: number): number {
  return (a - b) >>> 0;
}

export function seqLt(a: number, b: number): boolean {
  return ((a - b) | 0) < 0;
}

export function seqLe(a: number, b: number): boolean {
  return ((a - b) | 0) <= 0;
}

/** start ≤ x < start + size */
export function seqInWindow(x: number, start: number, size: number): boolean {
  return seqSub(x, start) < size;
}

export function seqMax(a: number, b: number): number {
  return seqLt(a, b) ? b : a;
}
