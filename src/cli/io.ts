// What the tcpflow command needs from its host. main.ts supplies Node's process and file
// system; the tests supply strings, so every command runs without touching the disk.

import type { SequencePage } from '../shared/previewProtocol';
import type { Locale } from '../core';

export interface CliIo {
  /** The language of messages meant for people (`--lang`, else LC_ALL/LC_MESSAGES/LANG); English when absent. */
  readonly locale?: Locale;
  /** Writes text as given (callers add the newlines). */
  stdout(text: string): void;
  stderr(text: string): void;
  /**
   * Reads a file: its bytes (so that bytes that are not UTF-8 are reported where they are),
   * or text already decoded. Rejects with a Node-style error (`code: 'ENOENT'`…) when it cannot.
   */
  readFile(path: string): Promise<Uint8Array | string>;
  /** Reads all of standard input (the file `-`), as `readFile` does. */
  readStdin(): Promise<Uint8Array | string>;
  /** Reads a file's bytes (a capture file). Optional: without it, `import` reads text only. */
  readBytes?(path: string): Promise<Uint8Array>;
  /**
   * Writes a UTF-8 file; with `overwrite` false it refuses an existing file, rejecting with
   * `code: 'EEXIST'`. Optional: a host without it cannot run `import -o`.
   */
  writeFile?(path: string, text: string, options: { readonly overwrite: boolean }): Promise<void>;
  /** The entries of a directory; rejects with `code: 'ENOTDIR'`/`'ENOENT'`. Optional: `corpus` needs it. */
  readDirectory?(path: string): Promise<readonly DirectoryEntry[]>;
  /** Writes bytes; with `overwrite` false it refuses an existing file (`code: 'EEXIST'`). Optional: `render` needs it. */
  writeBytes?(path: string, bytes: Uint8Array, options: { readonly overwrite: boolean }): Promise<void>;
  /** Draws pages of the sequence diagram as SVG or PNG bytes, as the preview exports them. Optional: `render` needs it. */
  renderDiagram?(request: DiagramRenderRequest): Promise<Uint8Array>;
  /** Turns tcpflow's own plain SVG into PNG bytes, without a browser. Optional: `render --view ladder|states -o x.png` needs it. */
  rasterise?(svg: string): Promise<Uint8Array>;
  /** The package version, stamped in by the build. */
  readonly version: string;
}

export interface DiagramRenderRequest {
  /** One page, or every page of the script (drawn one below the other). */
  readonly pages: readonly SequencePage[];
  readonly format: 'svg' | 'png';
  readonly theme: 'light' | 'dark';
  readonly background: 'transparent' | 'white' | 'theme';
}

export interface DirectoryEntry {
  readonly name: string;
  readonly directory: boolean;
}

/** The exit statuses README.md "The `tcpflow` command" documents. */
export const EXIT_OK = 0;
export const EXIT_ERRORS = 1;
export const EXIT_USAGE = 2;
