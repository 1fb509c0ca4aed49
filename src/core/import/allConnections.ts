// Every connection of a capture as one scenario: one participant per host, the ports on each
// segment's ends (`client:40000 -> server:80: SYN`). Each connection is imported as it is
// alone (its numbers, losses, gaps and the order its segments arrive in), then its lines are
// written with the hosts' names and merged in the capture's order, and the waits are written
// anew from the capture's one clock.

import { ScriptBuilder, formatDuration } from './script';
import { importConnection, type InputWords, type TcpdumpOptions } from './tcpdump';
import type { Capture, Connection } from './tcpdumpConnections';
import type { ImportDiagnostic, ImportResult } from './types';

interface Host {
  readonly name: string;
  /** As the participant line writes it: the address, with the port when the host is one socket of a loopback pair. */
  readonly address: string;
  /** By name (`listen`, `keepalive`): the first connection to give one decides its value. */
  readonly attributes: Map<string, string>;
}

const PARTICIPANT = /^participant (client|server) (\S+)((?: [^\s#]+)*)/;
const SEGMENT = /^(client|server) (->|-x|~>) (client|server): /;
/** A segment line once written with the hosts' names. */
const SEGMENT_WRITTEN = /^\S+:\d+ (->|-x|~>) \S+:\d+: /;

/** `10.0.0.1:80` → [`10.0.0.1`, `80`]; `[::1]:80` → [`[::1]`, `80`]. */
function splitAddress(address: string): [string, string] {
  const colon = address.lastIndexOf(':');
  return [address.slice(0, colon), address.slice(colon + 1)];
}

export function importAllConnections(capture: Capture, options: TcpdumpOptions, input: InputWords): ImportResult {
  const count = capture.connections.length;
  if (count <= 1) return importConnection(capture, { ...options, connection: undefined }, input);
  const hosts = new Map<string, Host>();
  const roles = { client: 0, server: 0 };
  /** The participant of one end: by address, or by address and port where both ends share an address (loopback). */
  const hostOf = (c: Connection, side: 'client' | 'server'): { host: Host; port: string } => {
    const [clientIp] = splitAddress(c.clientAddress);
    const [serverIp] = splitAddress(c.serverAddress);
    const address = side === 'client' ? c.clientAddress : c.serverAddress;
    const [ip, port] = splitAddress(address);
    const key = clientIp === serverIp && side === 'server' ? address : ip;
    let host = hosts.get(key);
    if (host === undefined) {
      roles[side]++;
      host = { name: roles[side] === 1 ? side : `${side}${roles[side]}`, address: key, attributes: new Map() };
      hosts.set(key, host);
    }
    return { host, port };
  };

  /** Every connection's lines, each with the input line (or packet) it stands at in the capture's order. */
  const merged: { text: string; source: number | undefined; at: number; connection: number; order: number }[] = [];
  const diagnostics = new Map<string, ImportDiagnostic>();
  let imported = 0;
  capture.connections.forEach((c, i) => {
    const result = importConnection(capture, { ...options, connection: i + 1, title: undefined }, input);
    for (const d of result.diagnostics) diagnostics.set(`${d.code} ${d.line} ${d.message}`, d);
    if (result.text === '') return;
    imported++;
    const ends = { client: hostOf(c, 'client'), server: hostOf(c, 'server') };
    const ref = (side: string) => {
      const end = ends[side as 'client' | 'server'];
      return `${end.host.name}:${end.port}`;
    };
    const label = (name: string) => `c${i + 1}_${name}`;
    const lines = result.text.replace(/\n$/, '').split('\n');
    let k = lines.findIndex((l) => l.startsWith('participant'));
    for (; k < lines.length && lines[k].startsWith('participant'); k++) {
      const m = PARTICIPANT.exec(lines[k]);
      if (!m) continue;
      const { attributes } = ends[m[1] as 'client' | 'server'].host;
      for (const a of m[3].split(' ').filter((w) => w !== '')) if (!attributes.has(a.split('=')[0])) attributes.set(a.split('=')[0], a);
    }
    // A line the importer made up (no input line of its own) stays after the line before it.
    let at = c.firstLine;
    for (; k < lines.length; k++) {
      let line = lines[k];
      // The waits are written anew for the capture's one timeline.
      if (line === '' || line.startsWith('wait ')) continue;
      const segment = SEGMENT.exec(line);
      if (segment) {
        line = `${ref(segment[1])} ${segment[2]} ${ref(segment[3])}: ${line.slice(segment[0].length)}`.replace(/ as (\S+)/, (_, name: string) => ` as ${label(name)}`);
      } else if (line.startsWith('deliver ')) {
        line = `deliver ${label(line.slice('deliver '.length))}`;
      }
      const source = result.lineMap[k];
      at = source ?? at;
      merged.push({ text: line, source, at, connection: i, order: merged.length });
    }
  });
  merged.sort((a, b) => a.at - b.at || a.connection - b.connection || a.order - b.order);

  const body = new ScriptBuilder();
  body.blank();
  let first: number | undefined;
  let previous: number | undefined;
  let wraps = 0;
  let clock = 0;
  for (const line of merged) {
    const packet = line.source === undefined ? undefined : capture.lines[line.source - 1];
    const time = packet?.kind === 'packet' ? packet.packet.time : undefined;
    if (time !== undefined && SEGMENT_WRITTEN.test(line.text)) {
      // A clock time (no date) passes midnight.
      if (time.clock && previous !== undefined && time.us + wraps < previous - 43_200_000_000) wraps += 86_400_000_000;
      const us = time.us + wraps;
      previous = us;
      first ??= us;
      const ms = Math.round((us - first) / 1000);
      if (ms > clock) body.add(`wait ${formatDuration((ms - clock) * 1000)}`, line.source);
      clock = Math.max(clock, ms);
    }
    body.add(line.text, line.source);
  }

  const header = new ScriptBuilder();
  header.comment(`Imported from ${input.from} by tcpflow: all ${count} connections, one participant per host, the ports on each segment.`);
  header.comment('The segments of every connection are in the order of the capture; sequence numbers are relative to each side of each');
  header.comment('connection\'s ISN, as Wireshark shows them.');
  if (imported < count) header.comment(`${count - imported} of the connections could not be imported: see the import problems.`);
  if (options.title !== undefined) header.add(`title ${options.title}`);
  for (const host of hosts.values()) {
    header.add(`participant ${host.name} ${host.address}${[...host.attributes.values()].map((a) => ` ${a}`).join('')}`);
  }
  const sorted = [...diagnostics.values()].sort((a, b) => a.line - b.line);
  if (imported === 0) return { text: '', diagnostics: sorted, lineMap: [] };
  return { text: header.text + body.text, diagnostics: sorted, lineMap: [...header.sources, ...body.sources] };
}
