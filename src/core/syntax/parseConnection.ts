// Parses which connection a name means: a port on a segment's endpoint (`client:51000`) and,
// in `expect` and calls, the peer in parentheses (`server(bob)`, `client:51001(server:80)`).

import type { ConnectionRef, Identifier, NumberValue } from './ast';
import { Char, isDigit, type Scanner } from './scanner';

const OPEN = 40; // (
const CLOSE = 41; // )
const MAX_PORT = 65535;

/** End of the `:<digits>` at `at`, or `at` when there is none. */
function portEnd(sc: Scanner, at: number): number {
  if (sc.charAt(at) !== Char.Colon || !isDigit(sc.charAt(at + 1))) return at;
  let i = at + 1;
  while (isDigit(sc.charAt(i))) i++;
  return i;
}

/** Reads the port at `at` (reporting one above 65535); sets `sc.pos` past it. */
export function readPort(sc: Scanner, at: number): NumberValue | undefined {
  const end = portEnd(sc, at);
  if (end === at) return undefined;
  sc.pos = end;
  const value = Number(sc.slice(at + 1, end));
  if (value > MAX_PORT) {
    sc.report('syntax.bad-number', at + 1, end, `port ${sc.slice(at + 1, end)} is out of range: a port is 0 to ${MAX_PORT}`);
    return undefined;
  }
  return { value, range: sc.range(at + 1, end) };
}

/** End of `name[:port][(peer[:port])]` whose name ends at `nameEnd`: where a classifier looks next. */
export function refEnd(sc: Scanner, nameEnd: number): number {
  const afterPort = portEnd(sc, nameEnd);
  if (sc.charAt(afterPort) !== OPEN) return afterPort;
  const peerEnd = sc.identEnd(afterPort + 1);
  const close = portEnd(sc, peerEnd);
  return peerEnd > afterPort + 1 && sc.charAt(close) === CLOSE ? close + 1 : afterPort;
}

/**
 * Reads `[:port][(peer[:port])]` after a name ending at `nameEnd`; sets `sc.pos` past it.
 * Undefined when nothing but the name was written.
 */
export function readConnectionRef(sc: Scanner, nameEnd: number): ConnectionRef | undefined {
  sc.pos = nameEnd;
  const port = readPort(sc, nameEnd);
  const afterPort = sc.pos;
  let peer: Identifier | undefined;
  let peerPort: NumberValue | undefined;
  if (sc.charAt(afterPort) === OPEN) {
    const peerStart = afterPort + 1;
    const peerEnd = sc.identEnd(peerStart);
    const close = portEnd(sc, peerEnd);
    if (peerEnd === peerStart || sc.charAt(close) !== CLOSE) {
      const found = sc.tokenEnd(peerStart, CLOSE, Char.Comma, Char.Colon);
      sc.report('syntax.missing', afterPort, Math.max(found, peerStart), `a peer's name and ')' must follow '(', e.g. server(client)`);
      sc.pos = found < sc.end && sc.charAt(found) === CLOSE ? found + 1 : found;
      return port ? { port } : undefined;
    }
    peer = sc.identifier(peerStart, peerEnd);
    peerPort = readPort(sc, peerEnd);
    sc.pos = close + 1;
  }
  if (!port && !peer) return undefined;
  return { port, peer, peerPort };
}

/** A connection reference as the formatter writes it: `:51001(server:80)`, `(bob)`, `` for none. */
export function connectionRefText(ref: ConnectionRef | undefined): string {
  if (!ref) return '';
  const port = ref.port ? `:${ref.port.value}` : '';
  const peer = ref.peer ? `(${ref.peer.name}${ref.peerPort ? `:${ref.peerPort.value}` : ''})` : '';
  return port + peer;
}
