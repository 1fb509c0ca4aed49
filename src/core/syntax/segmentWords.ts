// The words of a segment line: flag names and packetdrill's compact letters, field names and
// markers, matched by character code without making strings.

import { FLAG_NAMES, type FieldKind, type FlagName, type MarkerName } from './ast';
import { Char, type Scanner } from './scanner';

export const MARKER_NAMES: readonly MarkerName[] = ['retransmit', 'keepalive', 'duplicate'];
export const FIELD_NAMES: readonly FieldKind[] = ['seq', 'ack', 'len', 'win', 'mss', 'wscale', 'sackOK', 'ts', 'urg'];
const LOWER_FLAG_NAMES = FLAG_NAMES.map((flag) => flag.toLowerCase());
const LOWER_FIELD_NAMES = FIELD_NAMES.map((field) => field.toLowerCase());

/**
 * One set per combination of flags (bit i = FLAG_NAMES[i]), shared by every segment with those
 * flags and built in FLAG_NAMES order: a set per segment line would be the largest part of a
 * big script's syntax tree. Read-only, like FlagSet.flags; `items` keeps the written order.
 */
const flagSets: ReadonlySet<FlagName>[] = [];

export function flagSetOf(bits: number): ReadonlySet<FlagName> {
  let set = flagSets[bits];
  if (set === undefined) {
    set = new Set(FLAG_NAMES.filter((_, i) => bits & (1 << i)));
    flagSets[bits] = set;
  }
  return set;
}

/** The lower-cased first letter at `start`, to pick the one candidate worth comparing. */
function firstLetter(sc: Scanner, start: number): number {
  return sc.text.charCodeAt(start) | 0x20;
}

/** The flag written at `start..end`, in any case. Flag names differ in their first letter. */
export function flagAt(sc: Scanner, start: number, end: number): FlagName | undefined {
  if (end - start !== 3) return undefined;
  const first = firstLetter(sc, start);
  for (let i = 0; i < FLAG_NAMES.length; i++) {
    const name = LOWER_FLAG_NAMES[i];
    if (name.charCodeAt(0) === first) return sc.isWord(start, end, name) ? FLAG_NAMES[i] : undefined;
  }
  return undefined;
}

export function fieldAt(sc: Scanner, start: number, end: number): FieldKind | undefined {
  const first = firstLetter(sc, start);
  for (let i = 0; i < FIELD_NAMES.length; i++) {
    const name = LOWER_FIELD_NAMES[i];
    if (name.charCodeAt(0) === first && sc.isWord(start, end, name)) return FIELD_NAMES[i];
  }
  return undefined;
}

export function markerAt(sc: Scanner, start: number, end: number): MarkerName | undefined {
  const first = firstLetter(sc, start);
  for (const marker of MARKER_NAMES) {
    if (marker.charCodeAt(0) === first && sc.isWord(start, end, marker)) return marker;
  }
  return undefined;
}

/** packetdrill's one-letter flags; `.` is ACK. Upper case only, as packetdrill writes them. */
export function compactFlag(c: number): FlagName | undefined {
  switch (c) {
    case 83: // S
      return 'SYN';
    case 70: // F
      return 'FIN';
    case 82: // R
      return 'RST';
    case 80: // P
      return 'PSH';
    case 85: // U
      return 'URG';
    case 69: // E
      return 'ECE';
    case 87: // W
      return 'CWR';
    case Char.Dot:
      return 'ACK';
    default:
      return undefined;
  }
}

/** `SYNACK` → `SYN+ACK`: flag names run together. */
export function joinedFlags(word: string): string | undefined {
  if (word.length < 6 || word.length % 3 !== 0 || word.length > 24) return undefined;
  const names: string[] = [];
  for (let i = 0; i < word.length; i += 3) {
    const chunk = word.slice(i, i + 3).toUpperCase();
    if (!(FLAG_NAMES as readonly string[]).includes(chunk)) return undefined;
    names.push(chunk);
  }
  return names.join('+');
}

export function isCompactFlags(text: string, start = 0, end = text.length): boolean {
  for (let i = start; i < end; i++) {
    if (compactFlag(text.charCodeAt(i)) === undefined) return false;
  }
  return end > start;
}

export function isFlagSeparator(c: number): boolean {
  return c === Char.Plus || c === Char.Comma || c === Char.Slash;
}
