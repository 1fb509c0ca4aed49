// Converts a packetdrill script into a .tcpflow scenario. The kernel under test becomes the
// checked endpoint `local`; the peer the script plays becomes `remote`, an unchecked packet
// injector, so that what is judged is how the real stack reacted.
//
// Numbers: packetdrill writes seq and ack absolute in SYN segments and relative to the
// sending (seq) or receiving (ack) side's ISN everywhere else. The importer writes them all
// absolute, in the script's own number space, where each side's ISN is the seq of its SYN
// (usually 0, so the numbers mostly read the same). No `isn=` is needed: tcpflow takes an
// endpoint's ISN from its first SYN.

import { simulate } from '../engine/simulate';
import { endpointAfterStep } from '../engine/timeline';
import { parse } from '../syntax/parser';
import { parseStateName, type TcpState } from '../states';
import { splitPacketdrill, type PacketdrillItem } from './packetdrillLexer';
import { parseStatement, type PdStatement, type PdTime } from './packetdrillSyntax';
import { ScriptBuilder, assemble, formatDuration, segmentText, type WireSegment } from './script';
import { SideState, effectiveWindow, follow, markerOf } from './sides';
import type { ImportCode, ImportDiagnostic, ImportResult } from './types';

export interface PacketdrillOptions {
  /** Written as the script's `title`. */
  readonly title?: string;
  /** The kernel under test; `local` by default. */
  readonly localName?: string;
  /** The peer played by the script; `remote` by default. */
  readonly remoteName?: string;
  /**
   * The names `#ifdef` sees as defined. The packetdrill that reads `#ifdef` (nplab's, which
   * FreeBSD's test suite runs) defines the name of the platform it runs on; by default `FreeBSD`.
   */
  readonly defines?: readonly string[];
}

/** The platform nplab packetdrill is taken to run on when the caller does not say. */
const DEFAULT_DEFINES = ['FreeBSD'];

/** Pure: text in, text out. Never throws. */
export function importPacketdrill(text: string, options: PacketdrillOptions = {}): ImportResult {
  return new PacketdrillImport(options.localName ?? 'local', options.remoteName ?? 'remote', options.title, new Set(options.defines ?? DEFAULT_DEFINES)).run(text);
}

interface Socket {
  kind: 'socket' | 'listener' | 'connection';
  /** SO_LINGER with l_onoff=1 and l_linger=0: close() aborts with a RST. */
  linger0: boolean;
  connectCalled: boolean;
  /** The connection (1-based) whose endpoints this socket's calls act on. */
  connection: number;
}

/**
 * One connection of the script: a pair of endpoints. A script that opens a new socket after
 * its first connection has exchanged segments starts another pair (`local2`, `remote2`…):
 * each socket is its own TCP endpoint with its own 4-tuple, and the first one may well
 * still be in TIME-WAIT.
 */
class Connection {
  readonly localSide = new SideState();
  readonly remoteSide = new SideState();
  readonly lastWindow = new Map<SideState, number>();
  /**
   * The ISNs packetdrill counts each side's relative numbers from (its `script.local_isn`
   * and `script.remote_isn`). They are fixed once, by the SYN that opens the connection,
   * and a later SYN in the same connection (a SYN in ESTABLISHED, a new SYN to a socket in
   * TIME-WAIT) does not move them; until then numbers are taken as absolute.
   */
  localBase: number | undefined;
  remoteBase: number | undefined;
  /** The UDP encapsulation of its first segment ('' for none): segments with another are another flow. */
  encapsulation: string | undefined;
  /** The remote's first segment was a SYN+ACK: it plays a listening server. */
  remoteListens = false;
  remoteSent = false;
  hadSegments = false;
  lastSegmentAt: number | undefined;
  keepaliveIdleUs: number | undefined;
  probeIdleUs: number | undefined;

  constructor(
    readonly local: string,
    readonly remote: string,
  ) {}
}

/** Calls that only set up or move data: the segments show their effect. */
const QUIET_CALLS = new Set([
  'socket', 'bind', 'setsockopt', 'fcntl', 'ioctl', 'accept', 'accept4', 'getsockname', 'getpeername',
  'write', 'writev', 'read', 'readv', 'send', 'sendto', 'sendmsg', 'recv', 'recvfrom', 'recvmsg', 'sendfile', 'splice',
]);

/** How a statement that is not imported is kept. */
const KEPT = 'packetdrill';

type StatementItem = Extract<PacketdrillItem, { kind: 'statement' }>;

class PacketdrillImport {
  private readonly body = new ScriptBuilder();
  private readonly diags: ImportDiagnostic[] = [];
  private readonly sockets = new Map<number, Socket>();
  private readonly connections: Connection[];
  /** Script time of the last `wait` written, and of the last statement (µs). */
  private written = 0;
  private previous = 0;
  private statementNote: string | undefined;
  /** The open `#ifdef` blocks, innermost last. */
  private readonly conditions: Array<{ readonly outer: boolean; readonly holds: boolean; inElse: boolean }> = [];

  constructor(
    private readonly local: string,
    private readonly remote: string,
    private readonly title: string | undefined,
    private readonly defines: ReadonlySet<string>,
  ) {
    this.connections = [new Connection(local, remote)];
  }

  run(text: string): ImportResult {
    for (const item of splitPacketdrill(text)) this.item(item);
    return assemble(this.header(), this.body, this.diags);
  }

  /** The connection the script's packets belong to: the latest. */
  private get current(): Connection {
    return this.connections[this.connections.length - 1];
  }

  private header(withComments = true): ScriptBuilder {
    const h = new ScriptBuilder();
    if (withComments) {
      h.comment('Imported from a packetdrill script by tcpflow.');
      h.comment(`${this.local}: the TCP under test, checked against RFC 9293.`);
      h.comment(`${this.remote}: the peer the script plays, a packet injector (unchecked).`);
      if (this.connections.length > 1) {
        const more = this.connections.slice(1).map((c) => `${c.local}/${c.remote}`).join(', ');
        h.comment(`Each new socket is a connection of its own: ${more}.`);
      }
      if (this.title !== undefined) h.add(`title ${this.title}`);
    }
    for (const c of this.connections) {
      const keepalive = c.keepaliveIdleUs ?? c.probeIdleUs;
      h.add(`participant ${c.local}${withComments && keepalive !== undefined ? ` keepalive=${formatDuration(keepalive)}` : ''}`);
      h.add(`participant ${c.remote} unchecked${c.remoteListens ? ' listen' : ''}`);
    }
    if (withComments) h.blank();
    return h;
  }

  // ---- items -----------------------------------------------------------------------------

  private item(item: PacketdrillItem): void {
    if (item.kind === 'blank') return this.body.blank(item.line);
    if (item.kind === 'comment') return this.body.comment(item.text, item.line);
    if (this.directive(item)) return;
    if (!this.active) {
      item.source.forEach((row, i) => this.body.comment(`${KEPT}: ${row.trim()}`, item.line + i));
      return;
    }
    this.statementNote = item.comments.length ? item.comments.join(' ') : undefined;
    const statement = parseStatement(item.code);
    switch (statement.kind) {
      case 'packet':
        this.advance(statement.time, item.line);
        return this.packet(statement, item);
      case 'syscall':
        this.advance(statement.time, item.line);
        return this.syscall(statement, item);
      case 'python':
        this.advance(statement.time, item.line);
        return this.python(statement.code, item);
      case 'shell':
        this.advance(statement.time, item.line);
        return this.keep(item, 'import.unsupported', 'a shell command: not run, not imported');
      case 'option':
        return this.keep(item, 'import.unsupported', 'a packetdrill command-line option: not imported');
      case 'unsupported':
        this.advance(statement.time, item.line);
        return this.keep(item, 'import.unsupported', statement.why);
      case 'malformed':
        return this.keep(item, 'import.malformed', statement.why);
    }
  }

  /** Whether the lines read now are in force: every open `#ifdef` block takes this branch. */
  private get active(): boolean {
    const top = this.conditions[this.conditions.length - 1];
    return top === undefined || (top.outer && top.holds !== top.inElse);
  }

  /**
   * `#ifdef NAME`, `#ifndef NAME`, `#else`, `#endif` (nplab packetdrill's platform-specific
   * lines): only the branch for the defined names is imported, the other is kept as comments.
   */
  private directive(item: StatementItem): boolean {
    const m = /^\s*#\s*(ifdef|ifndef|if|else|endif)\b\s*(?:defined\s*\(\s*)?([A-Za-z_]\w*)?/.exec(item.code);
    if (!m) return false;
    const [, keyword, name] = m;
    if (keyword === 'else' || keyword === 'endif') {
      const top = this.conditions[this.conditions.length - 1];
      if (!top) {
        this.keep(item, 'import.malformed', `#${keyword} without an #ifdef`);
        return true;
      }
      if (keyword === 'else') top.inElse = true;
      else this.conditions.pop();
      this.body.comment(item.source[0].trim(), item.line);
      return true;
    }
    const holds = name !== undefined && this.defines.has(name) === (keyword !== 'ifndef');
    const outer = this.active;
    this.conditions.push({ outer, holds, inElse: false });
    const defined = [...this.defines].join(', ') || 'none';
    this.body.comment(`${item.source[0].trim()}   (${outer && holds ? 'imported' : 'not imported'}: defined ${defined})`, item.line);
    return true;
  }

  /** Keeps the statement as `# packetdrill: …` comments and says why. */
  private keep(item: StatementItem, code: ImportCode, why: string): void {
    this.report(code, item.line, why);
    item.source.forEach((row, i) => this.body.comment(`${KEPT}: ${row.trim()}`, item.line + i));
  }

  /** Keeps a call that needs no counterpart as a plain comment: the segments show what it did. */
  private quiet(item: StatementItem): void {
    item.source.forEach((row, i) => this.body.comment(row.trim(), item.line + i));
  }

  private report(code: ImportCode, line: number, message: string): void {
    this.diags.push({ code, severity: code === 'import.malformed' ? 'error' : 'info', line, message });
  }

  /** Time passes up to the statement's time; a `wait` line says so. */
  private advance(time: PdTime, line: number): void {
    if (time.kind !== 'at') return;
    const at = Math.max(0, time.relative ? this.previous + time.us : time.us);
    this.previous = at;
    if (at > this.written) {
      this.body.add(`wait ${formatDuration(at - this.written)}`, line);
      this.written = at;
    }
  }

  // ---- packets -------------------------------------------------------------------------

  private packet(p: Extract<PdStatement, { kind: 'packet' }>, item: StatementItem): void {
    const c = this.current;
    // TCP over UDP: a segment with other UDP ports (or none) belongs to another flow the
    // kernel keeps apart (it answers it with a RST of that flow); this connection never sees it.
    c.encapsulation ??= p.encapsulation;
    if (p.encapsulation !== c.encapsulation) {
      const what = (e: string) => (e === '' ? 'no UDP encapsulation' : `UDP ports ${e.slice(4).replace(':', ' (local) and ')} (remote)`);
      return this.keep(item, 'import.unsupported', `a segment of another flow: ${what(p.encapsulation)}, where the connection uses ${what(c.encapsulation)}; not imported`);
    }
    const line = item.line;
    const [from, to] = p.inbound ? [c.remoteSide, c.localSide] : [c.localSide, c.remoteSide];
    if (p.inbound && !c.remoteSent) {
      c.remoteSent = true;
      c.remoteListens = p.segment.flags.has('SYN') && p.segment.flags.has('ACK');
    }
    setBase(c, p.inbound, p.segment);
    const segment = p.inbound ? absolute(p.segment, c.remoteBase, c.localBase) : absolute(p.segment, c.localBase, c.remoteBase);
    const marker = markerOf(from, segment);
    const win = effectiveWindow(from, to, segment);
    let comment = this.statementNote;
    const windowProbe = marker === 'keepalive' && c.lastWindow.get(to) === 0;
    if (windowProbe) comment = join('zero-window probe', comment);
    if (marker === 'keepalive' && !windowProbe && !p.inbound && c.lastSegmentAt !== undefined) {
      const idle = this.previous - c.lastSegmentAt;
      c.probeIdleUs = c.probeIdleUs === undefined ? idle : Math.min(c.probeIdleUs, idle);
    }
    follow(from, to, segment);
    if (win !== undefined) c.lastWindow.set(from, win);
    c.lastSegmentAt = this.previous;
    c.hadSegments = true;
    const [src, dst] = p.inbound ? [c.remote, c.local] : [c.local, c.remote];
    this.body.add(segmentText({ src, arrow: '->', dst, segment, win, marker, comment }), line);
  }

  // ---- syscalls ------------------------------------------------------------------------

  private syscall(call: Extract<PdStatement, { kind: 'syscall' }>, item: StatementItem): void {
    const fd = Number(call.args[0]);
    const ok = !call.result.startsWith('-');
    const returned = Number(/^-?\d+/.exec(call.result)?.[0] ?? NaN);
    const socket = this.socket(fd);
    const c = this.connections[(socket?.connection ?? this.connections.length) - 1];
    if (/^-1\s+ETIMEDOUT\b/.test(call.result) && socket?.kind !== 'listener') return this.timedOut(item, c);
    switch (call.name) {
      case 'socket':
        if (returned >= 0) this.newSocket(returned, item.line);
        return this.quiet(item);
      case 'accept':
      case 'accept4':
        if (returned >= 0) {
          this.sockets.set(returned, { kind: 'connection', linger0: socket?.linger0 ?? false, connectCalled: false, connection: this.connections.length });
        }
        return this.quiet(item);
      case 'setsockopt':
        this.setsockopt(call.args, socket, c);
        return this.quiet(item);
      case 'listen': {
        if (socket) socket.kind = 'listener';
        if (!ok) return this.quiet(item);
        return this.call(item, c, 'listen', (s) => (s === 'CLOSED' ? undefined : `${c.local} is ${s}: it cannot start to listen`));
      }
      case 'connect': {
        const first = !socket?.connectCalled;
        if (socket) {
          socket.connectCalled = true;
          socket.kind = 'connection';
        }
        if (!first) return this.quiet(item);
        return this.call(item, c, 'connect', (s) => (s === 'CLOSED' || s === 'LISTEN' ? undefined : `${c.local} is ${s}: no new connection is opened`));
      }
      case 'close':
        return this.close(item, socket, c);
      case 'shutdown': {
        const how = call.args[1] ?? '';
        if (!/SHUT_WR|SHUT_RDWR|^[12]$/.test(how)) return this.quiet(item);
        if (socket?.kind === 'listener') return this.quiet(item);
        return this.call(item, c, 'shutdown', (s) => (closable(s) ? undefined : `${c.local} is ${s}: there is nothing left to shut down`));
      }
      default:
        if (QUIET_CALLS.has(call.name)) return this.quiet(item);
        return this.keep(item, 'import.unsupported', `${call.name}(): a call with no counterpart in .tcpflow; not imported`);
    }
  }

  /**
   * A call failing with ETIMEDOUT: the kernel gave up on the connection (SYN or data
   * retransmissions exhausted, TCP_USER_TIMEOUT) and deleted it without sending anything —
   * what .tcpflow calls a crash.
   */
  private timedOut(item: StatementItem, c: Connection): void {
    this.call(item, c, 'crash', (s) => (s === 'CLOSED' ? `${c.local} is already CLOSED` : undefined));
  }

  /** A socket created once the current connection has exchanged segments starts the next connection. */
  private newSocket(fd: number, line: number): void {
    if (this.current.hadSegments) {
      const n = this.connections.length + 1;
      const next = new Connection(`${this.local}${n}`, `${this.remote}${n}`);
      this.connections.push(next);
      this.body.add(`section Connection ${n}`, line);
      this.body.comment(`a new socket: ${next.local} is the kernel's new endpoint, ${next.remote} its peer`, line);
    }
    this.sockets.set(fd, { kind: 'socket', linger0: false, connectCalled: false, connection: this.connections.length });
  }

  private socket(fd: number): Socket | undefined {
    if (!Number.isInteger(fd)) return undefined;
    let s = this.sockets.get(fd);
    if (!s) {
      s = { kind: 'socket', linger0: false, connectCalled: false, connection: this.connections.length };
      this.sockets.set(fd, s);
    }
    return s;
  }

  private setsockopt(args: readonly string[], socket: Socket | undefined, c: Connection): void {
    const option = args[2] ?? '';
    const value = args[3] ?? '';
    if (option === 'SO_LINGER' && socket) {
      const onoff = /onoff\s*=\s*(\d+)/.exec(value)?.[1];
      const linger = /linger\s*=\s*(\d+)/.exec(value.replace(/onoff/g, ''))?.[1];
      socket.linger0 = onoff !== undefined && onoff !== '0' && linger === '0';
    } else if (option === 'TCP_KEEPIDLE') {
      const seconds = Number(/\d+/.exec(value)?.[0]);
      if (Number.isFinite(seconds) && seconds > 0) c.keepaliveIdleUs = seconds * 1_000_000;
    }
  }

  /** close(): a FIN (or a RST with SO_LINGER 0) for the connection, nothing for a listener that has one. */
  private close(item: StatementItem, socket: Socket | undefined, c: Connection): void {
    if (socket?.kind === 'listener') {
      return this.call(item, c, 'close', (s) =>
        s === 'LISTEN' ? undefined : `it closes the listening socket; the connection (${c.local} is ${s}) is not affected`,
      );
    }
    const released = (s: TcpState) =>
      closable(s) || s === 'FIN-WAIT-1' || s === 'FIN-WAIT-2' ? undefined : `${c.local} is ${s}: the descriptor is released, nothing is sent`;
    return this.call(item, c, socket?.linger0 ? 'abort' : 'close', released);
  }

  /**
   * Writes `<local>: <call>` when the state the script has reached allows the call, and the
   * syscall as a comment with the reason otherwise (the state is the engine's own, so the
   * call is never judged invalid for a state the importer merely guessed).
   */
  private call(item: StatementItem, c: Connection, name: string, refuse: (state: TcpState) => string | undefined): void {
    const why = refuse(this.stateOf(c));
    const original = item.code.split('\n').map((r) => r.trim()).join(' ');
    if (why !== undefined) {
      item.source.forEach((row, i) => this.body.comment(i === 0 ? `${row.trim()}   (${why})` : row.trim(), item.line + i));
      return;
    }
    this.body.add(`${c.local}: ${name}   # ${join(original, this.statementNote)}`, item.line);
  }

  /** The state of a connection's local endpoint after the lines written so far, as the engine sees it. */
  private stateOf(c: Connection): TcpState {
    const parsed = parse(this.header(false).text + this.body.text);
    const analysis = simulate(parsed.script, parsed.diagnostics, 120_000);
    const index = analysis.endpoints.findIndex((e) => e.name === c.local);
    return analysis.timeline.length > 0 ? endpointAfterStep(analysis, analysis.timeline.length - 1, index).state : 'CLOSED';
  }

  // ---- python --------------------------------------------------------------------------

  /** A Python block is not run; its `tcpi_state == TCP_…` assertions become `expect` lines. */
  private python(code: string, item: StatementItem): void {
    const states: TcpState[] = [];
    const pattern = /tcpi_state\s*==\s*TCP_([A-Z0-9_]+)|TCP_([A-Z0-9_]+)\s*==\s*tcpi_state/g;
    for (let m = pattern.exec(code); m; m = pattern.exec(code)) {
      const state = parseStateName(m[1] ?? m[2]);
      if (state) states.push(state);
    }
    const why = states.length
      ? 'a Python block: not run; its tcpi_state assertion is imported as an expect line'
      : 'a Python block: not run, not imported';
    this.keep(item, 'import.unsupported', why);
    for (const state of states) this.body.add(`expect ${this.current.local} ${state}`, item.line);
  }
}

/** States in which close/shutdown have something to do. */
function closable(s: TcpState): boolean {
  return s === 'LISTEN' || s === 'SYN-SENT' || s === 'SYN-RECEIVED' || s === 'ESTABLISHED' || s === 'CLOSE-WAIT';
}

function join(a: string, b: string | undefined): string {
  return b === undefined ? a : `${a}; ${b}`;
}

/**
 * packetdrill's rule for the bases (run_packet.c): the kernel's ISN is taken from its SYN
 * after connect() or its SYN+ACK to the first SYN; the peer's from its SYN to the listener
 * or its SYN+ACK answering the kernel's SYN. Only the first such SYN of each side counts.
 */
function setBase(c: Connection, inbound: boolean, s: WireSegment): void {
  if (!s.flags.has('SYN') || s.seq === undefined) return;
  if (!inbound) {
    c.localBase ??= s.seq;
    return;
  }
  if (c.remoteBase !== undefined) return;
  // A SYN+ACK counts when it answers the kernel's SYN, a SYN without ACK when the kernel
  // has sent none (it listens); the SYN of a simultaneous open sets nothing.
  if (s.flags.has('ACK') === (c.localBase !== undefined)) c.remoteBase = s.seq;
}

/** packetdrill's numbers into absolute ones: SYNs are absolute, the rest relative to each side's base. */
function absolute(s: WireSegment, fromBase: number | undefined, toBase: number | undefined): WireSegment {
  if (s.flags.has('SYN')) return s;
  return {
    ...s,
    seq: s.seq === undefined ? undefined : (s.seq + (fromBase ?? 0)) >>> 0,
    ack: s.ack === undefined ? undefined : (s.ack + (toBase ?? 0)) >>> 0,
  };
}
