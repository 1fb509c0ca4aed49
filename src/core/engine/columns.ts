// Growing the typed arrays that steps.ts and segmentTable.ts keep their columns in, and the
// numbers they keep states as.

import { TCP_STATES, type TcpState } from '../states';

/** A state's place in TCP_STATES: how the columns keep it. */
export const STATE_INDEX = Object.fromEntries(TCP_STATES.map((s, i) => [s, i])) as Readonly<Record<TcpState, number>>;

/** A copy of `a`, `length` long: cut short, or filled out with zeros. */
export function copyOf<T extends Int32Array | Uint32Array | Uint8Array>(a: T, length: number): T {
  const b = new (a.constructor as new (n: number) => T)(length);
  b.set(a.subarray(0, Math.min(a.length, length)));
  return b;
}
