// What the tcpflow command needs from its host. main.ts supplies Node's process and file
// system; the tests supply strings, so every command runs without touching the disk.

import type { Locale } from '../core';

export interface CliIo {
  /** The language of messages meant for people (`--lang`, else LC_ALL/LC_MESSAGES/LANG); English when absent. */
  readonly locale?: Locale;
  /** Writes text as given (callers add the newlines). */
  stdout(text: string): void;
  stderr(text: string): void;
  /** Reads a UTF-8 file; rejects with a Node-style error (`code: 'ENOENT'`…) when it cannot. */
  readFile(path: string): Promise<string>;
  /** Reads all of standard input (the file `-`). */
  readStdin(): Promise<string>;
  /**
   * Writes a UTF-8 file; with `overwrite` false it refuses an existing file, rejecting with
   * `code: 'EEXIST'`. Optional: a host without it cannot run `import -o`.
   */
  writeFile?(path: string, text: string, options: { readonly overwrite: boolean }): Promise<void>;
  /** The entries of a directory; rejects with `code: 'ENOTDIR'`/`'ENOENT'`. Optional: `corpus` needs it. */
  readDirectory?(path: string): Promise<readonly DirectoryEntry[]>;
  /** Writes bytes; with `overwrite` false it refuses an existing file (`code: 'EEXIST'`). Optional: `render` needs it. */
  writeBytes?(path: string, bytes: Uint8Array, options: { readonly overwrite: boolean }): Promise<void>;
  /** Draws Mermaid text as SVG or PNG bytes. Optional: `render` needs it. */
  renderDiagram?(mermaid: string, format: 'svg' | 'png', theme: 'light' | 'dark'): Promise<Uint8Array>;
  /** The package version, stamped in by the build. */
  readonly version: string;
}

export interface DirectoryEntry {
  readonly name: string;
  readonly directory: boolean;
}

/** The exit statuses README.md "The `tcpflow` command" documents. */
export const EXIT_OK = 0;
export const EXIT_ERRORS = 1;
export const EXIT_USAGE = 2;
