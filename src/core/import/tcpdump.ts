// Converts `tcpdump -n` text into a .tcpflow scenario: one connection, its two sides as
// checked endpoints `client` (the sender of the SYN) and `server`, timestamps as `wait`.
//
// Numbers: tcpdump prints absolute numbers with -S; without it, once a connection has shown
// an ACK, it prints seq and ack relative to each side's ISN. The importer tells the two apart
// and writes every number relative to the side's ISN (its SYN is seq 0), as Wireshark does.
// Times: each timestamp is rounded to the millisecond from the connection's first segment,
// so `wait` lines appear where a millisecond boundary is crossed and the total stays exact.
// Order: the capture shows when segments passed the capture point, not when they arrived;
// tcpdumpOrder.ts decides when each one reaches its receiver.

import { importAllConnections } from './allConnections';
import { ScriptBuilder, assemble, formatDuration, segmentText, type SegmentMarker } from './script';
import { SideState, effectiveWindow, follow, markerOf, seqLength } from './sides';
import { readCapture, type Capture, type Connection } from './tcpdumpConnections';
import { writtenNumbers } from './tcpdumpNumbers';
import { arrivals, type Fate } from './tcpdumpOrder';
import { withGaps, type Entry } from './tcpdumpGaps';
import { failedImport, type ImportDiagnostic, type ImportResult } from './types';

export interface TcpdumpOptions {
  /** 1-based, as `listConnections` numbers them. Needed when the capture holds several. */
  readonly connection?: number;
  /** Written as the script's `title`. */
  readonly title?: string;
  /** How tcpdump printed seq/ack: `auto` (default) tells its relative numbers from `-S`. */
  readonly numbers?: 'auto' | 'relative' | 'absolute';
  /** Every connection, as one scenario with a participant per host (`connection` is then ignored). */
  readonly all?: boolean;
}

export interface TcpdumpConnection {
  /** 1-based. */
  readonly index: number;
  /** `ip:port` (`[ip6]:port`) of the side that sent the SYN, and of the other. */
  readonly client: string;
  readonly server: string;
  readonly segments: number;
  /** 1-based line of its first segment. */
  readonly firstLine: number;
}

/** The connections of a capture, in order of first appearance. */
export function listConnections(text: string): TcpdumpConnection[] {
  return readCapture(text).connections.map(summary);
}

/** `2: 10.0.0.1:40000 > 10.0.0.2:80 (12 segments, from line 7)` */
export function describeConnection(c: TcpdumpConnection): string {
  return `${c.index}: ${c.client} > ${c.server} (${c.segments} segment${c.segments === 1 ? '' : 's'}, from line ${c.firstLine})`;
}

/** Pure: text in, text out. Never throws. */
export function importTcpdump(text: string, options: TcpdumpOptions = {}): ImportResult {
  const input = { from: 'tcpdump output', keptAs: 'tcpdump: ' };
  return options.all ? importAllConnections(readCapture(text), options, input) : importConnection(readCapture(text), options, input);
}

/**
 * The chosen connection of a capture read into connections (from text or from a capture
 * file), as a scenario. `input.from` names the input in the script's first comment;
 * `input.keptAs` starts the comment that keeps an input line that is not imported.
 */
export function importConnection(capture: Capture, options: TcpdumpOptions, input: InputWords): ImportResult {
  const count = capture.connections.length;
  const choices = () => capture.connections.map((c, i) => `  ${describeConnection(summary(c, i))}`).join('\n');
  if (count === 0) {
    const failed = failedImport(
      'import.no-connection',
      "no TCP segment found: expected tcpdump -n lines such as '12:00:00.000001 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [S], seq 1, win 65535, length 0'",
    );
    // The lines that could not be read may be why: each is reported where it is.
    const malformed = capture.lines.flatMap((l, i): ImportDiagnostic[] =>
      l.kind === 'other' && l.malformed ? [{ code: 'import.malformed', severity: 'error', line: i + 1, message: l.why }] : [],
    );
    return { ...failed, diagnostics: [...malformed, ...failed.diagnostics] };
  }
  if (options.connection === undefined && count > 1) {
    return failedImport('import.choose-connection', `the capture holds ${count} connections; choose one by its number:\n${choices()}`);
  }
  const chosen = options.connection ?? 1;
  if (!Number.isInteger(chosen) || chosen < 1 || chosen > count) {
    return failedImport('import.unknown-connection', `there is no connection ${chosen}; the capture holds ${count}:\n${choices()}`);
  }
  return new TcpdumpImport(capture, chosen, options, input).run();
}

export interface InputWords {
  readonly from: string;
  readonly keptAs: string;
}

function summary(c: Connection, i: number): TcpdumpConnection {
  return { index: i + 1, client: c.clientAddress, server: c.serverAddress, segments: c.count, firstLine: c.firstLine };
}

const NAMES = ['client', 'server'] as const;

/** A keep-alive probe goes out after at least a second of silence (Linux's smallest idle time), less a millisecond of clock jitter. */
const PROBE_MIN_IDLE_US = 999_000;

class TcpdumpImport {
  private readonly conn: Connection;
  private readonly diags: ImportDiagnostic[] = [];
  /** The segments to write, captured and synthesized, each with what is found out about it. */
  private entries: readonly Entry[] = [];
  private readonly markers: (SegmentMarker | undefined)[] = [];
  private readonly windows: (number | undefined)[] = [];
  private readonly notes: (string | undefined)[] = [];
  private readonly ms: number[] = [];
  /** Microseconds since the connection's first segment, unrounded. */
  private readonly us: number[] = [];
  private fates: readonly Fate[] = [];
  private isnOf: readonly (number | undefined)[] = [];
  /** The side's SYN is not in the capture although its numbers are. */
  private missingSyn: readonly boolean[] = [false, false];
  private readonly probeIdleMs: [number | undefined, number | undefined] = [undefined, undefined];
  private windowsScaled = false;

  constructor(
    private readonly capture: Capture,
    private readonly chosen: number,
    private readonly options: TcpdumpOptions,
    private readonly input: InputWords,
  ) {
    this.conn = capture.connections[chosen - 1];
  }

  run(): ImportResult {
    const packets = this.conn.packets;
    const sideOf = packets.map((p) => (p.src === this.conn.client ? 0 : 1));
    const numbers = writtenNumbers(packets, sideOf, this.options.numbers ?? 'auto');
    this.isnOf = numbers.isn;
    this.missingSyn = numbers.missingSyn;
    this.entries = withGaps(packets, sideOf, numbers.written);
    this.times();
    this.markAndScale();
    this.fates = arrivals(
      this.entries.map((e) => e.segment),
      this.entries.map((e) => e.side),
      this.markers,
    );
    const body = this.body();
    return assemble(this.header(), body, this.diags);
  }

  private get midConnection(): boolean {
    return this.missingSyn[0] && this.missingSyn[1];
  }

  // ---- time, markers, windows ----------------------------------------------------------

  /** Milliseconds since the connection's first segment, rounded; a clock time may pass midnight. */
  private times(): void {
    let first: number | undefined;
    let previous: number | undefined;
    let wraps = 0;
    for (const e of this.entries) {
      if (e.time === undefined) {
        this.ms.push(this.ms[this.ms.length - 1] ?? 0);
        this.us.push(this.us[this.us.length - 1] ?? 0);
        continue;
      }
      let us = e.time.us + wraps;
      if (e.time.clock && previous !== undefined && us < previous - 43_200_000_000) {
        wraps += 86_400_000_000;
        us += 86_400_000_000;
      }
      first ??= us;
      previous = us;
      this.ms.push(Math.round((us - first) / 1000));
      this.us.push(us - first);
    }
  }

  private markAndScale(): void {
    const sides = [new SideState(), new SideState()];
    const lastAck: (number | undefined)[] = [undefined, undefined];
    const lastWin: (number | undefined)[] = [undefined, undefined];
    const peerSentSince = [false, false];
    const lastWindow: (number | undefined)[] = [undefined, undefined];
    this.windowsScaled = this.entries.some((e) => e.segment.flags.has('SYN') && e.segment.wscale !== undefined) && !this.midConnection;
    this.entries.forEach((e, i) => {
      const s = e.segment;
      const from = e.side;
      const to = 1 - from;
      let marker = markerOf(sides[from], s);
      const idle = i === 0 ? 0 : this.ms[i] - this.ms[i - 1];
      const probe =
        marker === undefined &&
        s.seq === undefined &&
        s.len === 0 &&
        s.flags.size === 1 &&
        s.flags.has('ACK') &&
        lastAck[from] !== undefined &&
        s.ack === lastAck[from] &&
        s.win === lastWin[from] &&
        !peerSentSince[from] &&
        i > 0 &&
        this.us[i] - this.us[i - 1] >= PROBE_MIN_IDLE_US;
      if (probe) marker = 'keepalive';
      // Linux probes a zero window the way it probes an idle connection (seq = SND.UNA − 1).
      const windowProbe = marker === 'keepalive' && lastWindow[to] === 0;
      if (marker === 'keepalive' && !windowProbe) {
        const known = this.probeIdleMs[from];
        this.probeIdleMs[from] = known === undefined ? idle : Math.min(known, idle);
      }
      this.markers.push(marker);
      this.notes.push(
        e.missing !== undefined
          ? `not in the capture: synthesized for the ${e.missing} bytes the capture misses`
          : windowProbe
            ? 'zero-window probe'
            : undefined,
      );
      const window = this.midConnection ? undefined : effectiveWindow(sides[from], sides[to], s);
      this.windows.push(window);
      if (window !== undefined) lastWindow[from] = window;
      follow(sides[from], sides[to], s);
      lastAck[from] = s.ack;
      lastWin[from] = s.win;
      peerSentSince[from] = false;
      if (seqLength(s) > 0) peerSentSince[to] = true;
    });
    this.windowsScaled &&= this.windows.some((w, i) => w !== this.entries[i].segment.win);
  }

  // ---- writing -----------------------------------------------------------------------------

  private header(): ScriptBuilder {
    const h = new ScriptBuilder();
    const total = this.capture.connections.length;
    h.comment(`Imported from ${this.input.from} by tcpflow.`);
    h.comment('client and server are the two TCPs of the capture, both checked against RFC 9293.');
    h.comment("Sequence numbers are relative to each side's initial sequence number (ISN), as Wireshark shows them.");
    if (total > 1) {
      const others = this.capture.connections.reduce((sum, c, i) => sum + (i === this.chosen - 1 ? 0 : c.count), 0);
      h.comment(`Connection ${this.chosen} of ${total}; ${others} segment${others === 1 ? ' of the other connections is' : 's of the other connections are'} left out.`);
    }
    if (this.windowsScaled) h.comment('Windows are the advertised value shifted by the window scale of the SYNs (RFC 7323 §2.3).');
    if (this.midConnection) h.comment('The capture starts after the handshake: windows are left out, as their scale is unknown.');
    if (this.conn.clientBy === 'ports') h.comment('The capture does not show which side opened the connection: the side with the higher port is taken as the client.');
    if (this.options.title !== undefined) h.add(`title ${this.options.title}`);
    const serverListens = this.midConnection || this.entries.some((e) => e.side === 1 && e.segment.flags.has('SYN') && e.segment.flags.has('ACK'));
    for (const side of [0, 1]) {
      const address = side === 0 ? this.conn.clientAddress : this.conn.serverAddress;
      const attributes: string[] = [];
      if (side === 1 && serverListens) attributes.push('listen');
      const unchecked = this.missingSyn[side] && !this.midConnection;
      if (unchecked) attributes.push('unchecked');
      const idle = this.probeIdleMs[side];
      if (idle !== undefined) attributes.push(`keepalive=${formatDuration((idle >= 1000 ? Math.floor(idle / 1000) * 1000 : idle) * 1000)}`);
      const isn = this.isnOf[side];
      const note = unchecked
        ? 'its SYN is not in the capture: what it sends is not checked'
        : isn !== undefined
          ? `ISN ${isn}`
          : this.missingSyn[side]
            ? 'ISN not in the capture'
            : undefined;
      h.add(`participant ${NAMES[side]} ${address}${attributes.map((a) => ` ${a}`).join('')}${note ? `   # ${note}` : ''}`);
    }
    h.blank();
    return h;
  }

  private body(): ScriptBuilder {
    const b = new ScriptBuilder();
    const entriesOfLine = new Map<number, number[]>();
    this.entries.forEach((e, i) => entriesOfLine.set(e.line, [...(entriesOfLine.get(e.line) ?? []), i]));
    const due = new Map<number, number[]>();
    this.fates.forEach((f, i) => {
      if (f.deliverBefore !== undefined) due.set(f.deliverBefore, [...(due.get(f.deliverBefore) ?? []), i]);
    });
    const firstLine = this.conn.packets[0].line;
    const ownPackets = new Set(this.conn.packets);
    let clock = 0;
    const unchecked = this.missingSyn.some((m) => m) && !this.midConnection;
    if (unchecked) {
      const side = this.missingSyn[0] ? 0 : 1;
      // Reported where the side first shows: its own first segment, or the first that refers to its numbers.
      const first = this.entries.find((e) => e.side === side) ?? this.entries[0];
      this.report('import.missing-syn', first.line, 'warning',
        `the ${NAMES[side]}'s SYN is not in the capture although its segments are: the ${NAMES[side]} is imported unchecked`);
    }

    this.capture.lines.forEach((l, index) => {
      const line = index + 1;
      switch (l.kind) {
        case 'blank':
          return b.blank(line);
        case 'continuation':
        case 'omitted':
          return;
        case 'chatter':
          return b.comment(this.source(index), line);
        case 'other':
          this.report(l.malformed ? 'import.malformed' : 'import.unsupported', line, l.malformed ? 'error' : 'info', l.why);
          return b.comment(`${this.input.keptAs}${this.source(index)}   (${l.why})`, line);
        case 'packet': {
          if (this.capture.repeats.has(line)) {
            return b.comment(`${this.input.keptAs}${this.source(index)}   (the segment of the line before, seen again in the other direction)`, line);
          }
          if (!ownPackets.has(l.packet)) return;
          if (line === firstLine && this.midConnection) this.synthesizeHandshake(b, line);
          for (const i of entriesOfLine.get(line) ?? []) {
            if (this.ms[i] > clock) {
              b.add(`wait ${formatDuration((this.ms[i] - clock) * 1000)}`, line);
              clock = this.ms[i];
            }
            for (const k of due.get(i) ?? []) b.add(`deliver ${this.labelOf(k)}`, line);
            const missing = this.entries[i].missing;
            if (missing !== undefined) {
              this.report('import.capture-gap', line, 'warning',
                `the capture misses ${missing} bytes the ${NAMES[this.entries[i].side]} sent (tcpdump dropped packets?): a segment is synthesized for them`);
            }
            b.add(this.segmentLine(i), line);
          }
          return;
        }
      }
    });
    return b;
  }

  private synthesizeHandshake(b: ScriptBuilder, line: number): void {
    this.report('import.mid-connection', line, 'warning',
      'the capture starts after the handshake: a handshake is synthesized so that both sides start ESTABLISHED at the numbers the capture shows');
    b.add('section Before the capture');
    b.comment('Synthesized: the capture starts after the handshake. These three segments are not in it;');
    b.comment('they bring both sides to ESTABLISHED with the sequence numbers the capture continues from.');
    b.add('client -> server: SYN seq=0');
    b.add('server -> client: SYN+ACK seq=0 ack=1');
    b.add('client -> server: ACK seq=1 ack=1');
    b.add('section Capture');
  }

  private segmentLine(i: number): string {
    const e = this.entries[i];
    const fate = this.fates[i];
    return segmentText({
      src: NAMES[e.side],
      arrow: fate.arrow,
      dst: NAMES[1 - e.side],
      segment: this.midConnection ? { ...e.segment, win: undefined } : e.segment,
      win: this.windows[i],
      marker: this.markers[i],
      label: fate.arrow === '~>' ? this.labelOf(i) : undefined,
      comment: fate.arrow === '-x' ? 'lost: re-sent before it was acknowledged' : this.notes[i],
    });
  }

  /** `seg<line>` for a captured segment, `gap<line>` for a synthesized one. */
  private labelOf(i: number): string {
    const e = this.entries[i];
    return `${e.packet ? 'seg' : 'gap'}${e.line}`;
  }

  private source(index: number): string {
    return (this.capture.raw[index] ?? '').trim();
  }

  private report(code: ImportDiagnostic['code'], line: number, severity: ImportDiagnostic['severity'], message: string): void {
    this.diags.push({ code, severity, line, message });
  }
}
