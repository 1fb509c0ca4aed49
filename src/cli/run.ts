// The tcpflow command as a function: arguments and an I/O host in, exit status out.
// main.ts connects it to the process; the tests call it directly.

import { parseArgs } from './args';
import { checkCommand } from './check';
import { corpusCommand } from './corpus';
import { importCommand } from './import';
import { EXIT_OK, EXIT_USAGE, type CliIo } from './io';
import { COMMAND_USAGE, USAGE } from './usage';
import { renderCommand } from './render';
import { escapeControls } from './terminalText';
import { mermaidCommand, statesCommand } from './views';

export type { CliIo } from './io';

export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  if (argv.length === 0) {
    io.stderr(USAGE);
    return EXIT_USAGE;
  }
  const parsed = parseArgs(argv);
  if (!parsed.ok) {
    io.stderr(`tcpflow: ${escapeControls(parsed.error)}\nRun 'tcpflow --help' for usage.\n`);
    return EXIT_USAGE;
  }
  const invocation = parsed.invocation;
  switch (invocation.kind) {
    case 'help':
      io.stdout(invocation.topic === undefined ? USAGE : COMMAND_USAGE[invocation.topic]);
      return EXIT_OK;
    case 'version':
      io.stdout(`${io.version}\n`);
      return EXIT_OK;
    case 'check':
      return checkCommand(invocation.files, invocation.json, invocation.maxDiagnostics, io);
    case 'mermaid':
      return mermaidCommand(invocation.file, invocation.mermaid, invocation.maxDiagnostics, io);
    case 'states':
      return statesCommand(invocation.file, invocation.naming, invocation.maxDiagnostics, io);
    case 'import':
      return importCommand(invocation, io);
    case 'corpus':
      return corpusCommand(invocation.folders, io);
    case 'render':
      return renderCommand(invocation, io);
  }
}
