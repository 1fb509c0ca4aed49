// What the tcpflow command needs from its host. main.ts supplies Node's process and file
// system; the tests supply strings, so every command runs without touching the disk.

export interface CliIo {
  /** Writes text as given (callers add the newlines). */
  stdout(text: string): void;
  stderr(text: string): void;
  /** Reads a UTF-8 file; rejects with a Node-style error (`code: 'ENOENT'`…) when it cannot. */
  readFile(path: string): Promise<string>;
  /** Reads all of standard input (the file `-`). */
  readStdin(): Promise<string>;
  /** The package version, stamped in by the build. */
  readonly version: string;
}

/** The exit statuses of spec §7. */
export const EXIT_OK = 0;
export const EXIT_ERRORS = 1;
export const EXIT_USAGE = 2;
