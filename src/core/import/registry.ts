// Every import format in one list, which the CLI and the extension both go through: how a
// format is recognised, which connections an input holds (to choose from), and its importer.
// A new format is one entry here.

import { describeCaptureConnection, importCapture, listCaptureConnections } from './capture';
import { captureFormat } from './captureFile';
import { detectFormat, type ImportFormat } from './detect';
import { importPacketdrill } from './packetdrill';
import { describeConnection, importTcpdump, listConnections } from './tcpdump';
import { failedImport, type ImportResult } from './types';

/**
 * An input as the shells read it: its bytes when it is a file (a capture file needs them),
 * and its text, decoded only when a text format asks for it.
 */
export interface ImportInput {
  readonly bytes?: Uint8Array;
  readonly text: string;
}

/** One connection an input holds, as a chooser shows it. */
export interface ConnectionChoice {
  /** 1-based: what `connection` asks for. */
  readonly index: number;
  /** `2: 10.0.0.1:40000 > 10.0.0.2:80 (12 segments, from line 7)` */
  readonly description: string;
}

export interface ImportInputOptions {
  /** The input's file name: `.pkt` decides the format, and it is written as the title. */
  readonly fileName?: string;
  /** Overrides detection. */
  readonly format?: ImportFormat;
  /** 1-based; needed when the input holds several connections. */
  readonly connection?: number;
  /** Every connection of a capture as one scenario, one participant per host. */
  readonly all?: boolean;
}

export interface Importer {
  readonly format: ImportFormat;
  /** What a file picker calls it, and the file name endings it usually has. */
  readonly label: string;
  readonly extensions: readonly string[];
  /** The connections to choose from; empty for a format that makes one scenario of its input. */
  connections(input: ImportInput): readonly ConnectionChoice[];
  run(input: ImportInput, options: { readonly title?: string; readonly connection?: number; readonly all?: boolean }): ImportResult;
}

export const IMPORTERS: readonly Importer[] = [
  {
    format: 'packetdrill',
    label: 'packetdrill script',
    extensions: ['pkt'],
    connections: () => [],
    run: (input, { title }) => importPacketdrill(input.text, { title }),
  },
  {
    format: 'tcpdump',
    label: 'tcpdump text',
    extensions: ['txt', 'tcpdump', 'dump', 'log', 'out'],
    connections: (input) => listConnections(input.text).map((c) => ({ index: c.index, description: describeConnection(c) })),
    run: (input, { title, connection, all }) => importTcpdump(input.text, { title, connection, all }),
  },
  {
    format: 'pcap',
    label: 'pcap or pcapng capture',
    extensions: ['pcap', 'pcapng', 'cap'],
    connections: (input) =>
      input.bytes ? listCaptureConnections(input.bytes).map((c) => ({ index: c.index, description: describeCaptureConnection(c) })) : [],
    run: (input, { title, connection, all }) =>
      input.bytes
        ? importCapture(input.bytes, { title, connection, all })
        : failedImport('import.no-connection', 'a pcap or pcapng capture is read from its file, not from text'),
  },
];

export type Recognised = { readonly importer: Importer } | { readonly importer?: undefined; readonly reason: string };

/** The importer for an input: the one asked for, else the capture file its bytes show, else the text format detection picks. */
export function importerFor(input: ImportInput, options: ImportInputOptions = {}): Recognised {
  const format = options.format ?? (input.bytes && captureFormat(input.bytes) ? 'pcap' : undefined);
  const detected = format === undefined ? detectFormat(input.text, options.fileName) : { format };
  if (detected.format === undefined) return { reason: detected.reason };
  return { importer: IMPORTERS.find((i) => i.format === detected.format)! };
}

/** Imports an input with the importer `importerFor` picks; never throws for bad input. */
export function importInput(input: ImportInput, options: ImportInputOptions = {}): { readonly format: ImportFormat; readonly result: ImportResult } | { readonly format?: undefined; readonly reason: string } {
  const recognised = importerFor(input, options);
  if (recognised.importer === undefined) return { reason: recognised.reason };
  const title = options.fileName?.split(/[\\/]/).pop();
  return { format: recognised.importer.format, result: recognised.importer.run(input, { title, connection: options.connection, all: options.all }) };
}
