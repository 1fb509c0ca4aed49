// Application calls (RFC 9293 §3.10.1–3.10.5: OPEN, CLOSE, ABORT; plus shutdown and a host crash).
// A call either changes the state at once or commits the endpoint to a segment that must follow.

import type { CallStatement } from '../syntax/ast';
import type { Range } from '../syntax/range';
import { resetTcb, type Endpoint, type Obligation } from './model';

/** Applies the call; returns why the endpoint's state does not allow it, or undefined. */
export function applyCall(ep: Endpoint, stmt: CallStatement, now: number): string | undefined {
  const t = ep.tcb;
  const s = t.state;
  const line = stmt.line;
  const intent = (kind: Obligation['kind'], why: string): void => {
    t.obligations = t.obligations.filter((o) => o.kind !== kind);
    t.obligations.push({ kind, to: t.peer, line, range: stmt.range as Range, why });
  };
  const iss = ep.declaredIsn ?? 0;
  switch (stmt.call) {
    case 'listen':
      if (s === 'CLOSED') {
        t.state = 'LISTEN';
        t.passive = true;
        t.lastActivity = now;
        t.lastArrivalLine = undefined;
        return undefined;
      }
      return s === 'LISTEN' ? `${ep.name} is already listening` : `${ep.name} is ${s}: only a CLOSED endpoint can start to listen`;
    case 'connect':
      if (s === 'CLOSED' || s === 'LISTEN') {
        intent('syn', `called connect on line ${line + 1}`);
        return undefined;
      }
      return `${ep.name} is ${s}: connect opens a new connection from CLOSED or LISTEN`;
    case 'close':
    case 'shutdown':
      switch (s) {
        case 'CLOSED':
          return `${ep.name} is CLOSED: there is no connection to ${stmt.call}`;
        case 'LISTEN':
        case 'SYN-SENT':
          resetTcb(t, 'CLOSED', iss);
          return undefined;
        case 'SYN-RECEIVED':
        case 'ESTABLISHED':
        case 'CLOSE-WAIT':
          intent('fin', `called ${stmt.call} on line ${line + 1}`);
          return undefined;
        case 'FIN-WAIT-1':
        case 'FIN-WAIT-2':
          // RFC 9293 §3.10.4: acceptable as long as no second FIN is sent.
          return undefined;
        default:
          return `${ep.name} is ${s}: the connection is already closing (RFC 9293 §3.10.4 "connection closing")`;
      }
    case 'abort':
      switch (s) {
        case 'CLOSED':
          return `${ep.name} is CLOSED: there is no connection to abort`;
        case 'LISTEN':
        case 'SYN-SENT':
        case 'CLOSING':
        case 'LAST-ACK':
        case 'TIME-WAIT':
          resetTcb(t, 'CLOSED', iss);
          return undefined;
        default:
          intent('abort-rst', `called abort on line ${line + 1}`);
          return undefined;
      }
    case 'crash':
      resetTcb(t, 'CLOSED', iss);
      t.lastActivity = now;
      t.lastArrivalLine = undefined;
      return undefined;
  }
}
