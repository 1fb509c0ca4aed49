// A participant is a host with any number of connections; a connection is named by its two
// ends, a participant and a port each. Every end is an Endpoint of its own, with its own TCB,
// sequence spaces, obligations and timers; the simulation binds a participant to one of its
// ends before the statement that uses it, so that the rules of RFC 9293 see one connection.

import type { TcpState } from '../states';
import { newTcb, type Endpoint } from './model';

export interface ConnectionEnd {
  /** Position among every end of the script, in order of creation. */
  readonly index: number;
  readonly view: Endpoint;
  readonly initial: TcpState;
  /** The peer participant (-1 until the end's first segment) and both ports (undefined: none written). */
  peer: number;
  port: number | undefined;
  peerPort: number | undefined;
}

/** How a statement names one end: a participant, and where written its port, peer and peer's port. */
export interface EndName {
  readonly participant: number;
  readonly port?: number;
  readonly peer?: number;
  readonly peerPort?: number;
}

export interface Chosen {
  readonly end: ConnectionEnd;
  /** The other ends the name matched as well: a bare name means the first. */
  readonly alsoMatched: readonly ConnectionEnd[];
}

/** The port in an address like `10.0.0.2:80` or `[::1]:443`: the participant's default port. */
export function defaultPort(address: string | undefined): number | undefined {
  const m = address === undefined ? null : /:(\d{1,5})$/.exec(address);
  return m ? Number(m[1]) : undefined;
}

const NONE: readonly ConnectionEnd[] = Object.freeze([]);

export class Connections {
  readonly ends: ConnectionEnd[] = [];
  private readonly byParticipant: ConnectionEnd[][] = [];
  /** The end each participant used last: what a segment from a stranger meets (an injector's). */
  private readonly current: ConnectionEnd[] = [];
  private readonly listener: boolean[] = [];
  private readonly ports: (number | undefined)[] = [];
  private several = false;

  /** `bound[i]` is participant i's end for the statement at hand; the simulation reads it. */
  constructor(private readonly bound: Endpoint[]) {
    this.declared();
  }

  /** Gives each participant declared since (a script fed piece by piece declares more) its first end. */
  declared(): void {
    for (let k = this.byParticipant.length; k < this.bound.length; k++) {
      const ep = this.bound[k];
      this.byParticipant.push([]);
      this.ports.push(defaultPort(ep.address));
      this.listener.push(ep.initial === 'LISTEN');
      this.current.push(this.add(ep.index, ep));
    }
  }

  /** True once some participant has more than one end: the views then show connections. Ends are never removed, so it stays true. */
  get many(): boolean {
    return this.several;
  }

  /** The port a participant's address gives, used where its ends carry no written port. */
  defaultPort(participant: number): number | undefined {
    return this.ports[participant];
  }

  endsOf(participant: number): readonly ConnectionEnd[] {
    return this.byParticipant[participant];
  }

  bind(end: ConnectionEnd): void {
    this.bound[end.view.index] = end.view;
    this.current[end.view.index] = end;
  }

  /** The participant listens (declared `listen`, or called listen): a SYN from a new peer finds a new LISTEN. */
  markListener(participant: number): void {
    this.listener[participant] = true;
  }

  /**
   * The two ends a segment travels between. A SYN without ACK from a checked sender to a peer
   * it has no connection with starts a new one (in LISTEN at a listener); any other segment
   * from a stranger meets the receiver's current connection, as one TCB per host did. A
   * SYN+ACK (`answersSyn`) from a listener to a peer it has no connection with answers that
   * peer's SYN: it comes from a new connection in LISTEN, which the SYN, arriving later, finds.
   */
  forSegment(src: EndName & { peer: number }, dst: EndName & { peer: number }, opens: boolean, senderChecked: boolean, answersSyn = false): { src: Chosen; dst: Chosen } {
    return { src: this.pick(src, opens, false, answersSyn), dst: this.pick(dst, opens && senderChecked, true) };
  }

  /** The end an `expect` or a call names: the first that matches. */
  named(name: EndName): Chosen {
    const matched = this.matching(name);
    if (matched.length) return { end: matched[0], alsoMatched: matched.length > 1 ? matched.slice(1) : NONE };
    if (name.peer !== undefined) {
      const pending = this.pending(name.participant);
      if (pending) return { end: this.claim(pending, name), alsoMatched: NONE };
    }
    return { end: this.current[name.participant], alsoMatched: NONE };
  }

  /**
   * The end an application's open works on: the named one, else the first that can open
   * (CLOSED or LISTEN, or not yet used), else a new one — a host opens as many connections as it likes.
   */
  opening(name: EndName): ConnectionEnd {
    if (name.peer !== undefined || name.port !== undefined) {
      const matched = this.matching(name);
      if (matched.length) return matched[0];
    } else {
      const free = this.byParticipant[name.participant].find((e) => e.view.tcb.state === 'CLOSED' || e.view.tcb.state === 'LISTEN');
      if (free) return free;
    }
    const base = this.byParticipant[name.participant][0].view;
    const end = this.add(name.participant, { ...base, tcb: newTcb('CLOSED', base.declaredIsn ?? 0, 0), alt: undefined, snapshot: undefined });
    return name.peer !== undefined ? this.claim(end, name) : end;
  }

  private pick(name: EndName & { peer: number }, opens: boolean, receives: boolean, answersSyn = false): Chosen {
    const matched = this.matching(name);
    if (matched.length) return { end: matched[0], alsoMatched: matched.length > 1 ? matched.slice(1) : NONE };
    const pending = this.pending(name.participant);
    if (pending) return { end: this.claim(pending, name), alsoMatched: NONE };
    const listens = this.listener[name.participant] && (receives || answersSyn);
    if (!opens && !(answersSyn && listens)) return { end: this.current[name.participant], alsoMatched: NONE };
    const base = this.byParticipant[name.participant][0].view;
    const state = listens ? 'LISTEN' : 'CLOSED';
    const end = this.add(name.participant, { ...base, tcb: newTcb(state, base.declaredIsn ?? 0, 0), alt: undefined, snapshot: undefined });
    return { end: this.claim(end, name), alsoMatched: NONE };
  }

  /** The ends `name` matches; a participant's only end is matched without a new list, as segments ask on every line. */
  private matching(name: EndName): readonly ConnectionEnd[] {
    const port = name.port ?? this.ports[name.participant];
    const peerPort = name.peerPort ?? (name.peer === undefined ? undefined : this.ports[name.peer]);
    const ends = this.byParticipant[name.participant];
    if (ends.length === 1) return endMatches(ends[0], name.peer, port, peerPort) ? ends : NONE;
    return ends.filter((e) => endMatches(e, name.peer, port, peerPort));
  }

  private pending(participant: number): ConnectionEnd | undefined {
    return this.byParticipant[participant].find((e) => e.peer < 0);
  }

  private claim(end: ConnectionEnd, name: EndName): ConnectionEnd {
    end.peer = name.peer ?? -1;
    end.port = name.port ?? this.ports[name.participant];
    end.peerPort = name.peer === undefined ? undefined : (name.peerPort ?? this.ports[name.peer]);
    return end;
  }

  private add(participant: number, view: Endpoint): ConnectionEnd {
    const end: ConnectionEnd = { index: this.ends.length, view, initial: view.tcb.state, peer: -1, port: undefined, peerPort: undefined };
    this.ends.push(end);
    const list = this.byParticipant[participant];
    list.push(end);
    if (list.length > 1) this.several = true;
    return end;
  }
}

function endMatches(e: ConnectionEnd, peer: number | undefined, port: number | undefined, peerPort: number | undefined): boolean {
  return (peer === undefined || e.peer === peer) && (port === undefined || e.port === port) && (peerPort === undefined || e.peerPort === peerPort);
}
