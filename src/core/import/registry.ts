// Every import format in one list, which the CLI and the extension both go through: how a
// format is recognised, which connections an input holds (to choose from), and its importer.
// A new format is one entry here.

import { detectFormat, type ImportFormat } from './detect';
import { importPacketdrill } from './packetdrill';
import { describeConnection, importTcpdump, listConnections } from './tcpdump';
import type { ImportResult } from './types';

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
}

export interface Importer {
  readonly format: ImportFormat;
  /** What a file picker calls it, and the file name endings it usually has. */
  readonly label: string;
  readonly extensions: readonly string[];
  /** The connections to choose from; empty for a format that makes one scenario of its input. */
  connections(text: string): readonly ConnectionChoice[];
  run(text: string, options: { readonly title?: string; readonly connection?: number }): ImportResult;
}

export const IMPORTERS: readonly Importer[] = [
  {
    format: 'packetdrill',
    label: 'packetdrill script',
    extensions: ['pkt'],
    connections: () => [],
    run: (text, { title }) => importPacketdrill(text, { title }),
  },
  {
    format: 'tcpdump',
    label: 'tcpdump text',
    extensions: ['txt', 'tcpdump', 'dump', 'log', 'out'],
    connections: (text) => listConnections(text).map((c) => ({ index: c.index, description: describeConnection(c) })),
    run: (text, { title, connection }) => importTcpdump(text, { title, connection }),
  },
];

export type Recognised = { readonly importer: Importer } | { readonly importer?: undefined; readonly reason: string };

/** The importer for an input: the one asked for, else the one detection picks. */
export function importerFor(text: string, request: ImportInputOptions = {}): Recognised {
  const detected = request.format === undefined ? detectFormat(text, request.fileName) : { format: request.format };
  if (detected.format === undefined) return { reason: detected.reason };
  return { importer: IMPORTERS.find((i) => i.format === detected.format)! };
}

/** Imports an input with the importer `importerFor` picks; never throws for bad input. */
export function importInput(text: string, request: ImportInputOptions = {}): { readonly format: ImportFormat; readonly result: ImportResult } | { readonly format?: undefined; readonly reason: string } {
  const recognised = importerFor(text, request);
  if (recognised.importer === undefined) return { reason: recognised.reason };
  const title = request.fileName?.split(/[\\/]/).pop();
  return { format: recognised.importer.format, result: recognised.importer.run(text, { title, connection: request.connection }) };
}
