// The help texts of the tcpflow command.

import type { CommandName } from './args';

export const USAGE = `Usage: tcpflow <command> [options] <file>...

Check .tcpflow scripts of TCP segment exchanges against RFC 9293, and draw them.

Commands:
  check [--json] <file>...   report every file's diagnostics
  mermaid [options] <file>   print the Mermaid sequence diagram
  states [options] <file>    print each endpoint's state after every line
  render -o <out> <file>     draw the sequence diagram as SVG or PNG (Chromium)
  import [options] <file>    convert a packetdrill script or tcpdump text to .tcpflow
  lsp [--stdio]              run the language server on stdin/stdout (for editors)
  help [<command>]           show this help, or a command's

Options:
  -h, --help                 show help
  --version                  print tcpflow's version
  --lang en|zh-cn            the language of messages (default: LC_ALL, LANG)

A file named '-' is read from standard input.
Exit status: 0 no errors, 1 some error diagnostics, 2 bad usage or unreadable file.
`;

export const COMMAND_USAGE: Readonly<Record<CommandName, string>> = {
  check: `Usage: tcpflow check [--json] <file>...

Reports the diagnostics of each file as 'file:line:col: severity code: message'
(1-based) on stdout, and a count on stderr.

Options:
  --json    print one JSON array instead:
            [{"file", "diagnostics": [{"line", "column", "endLine", "endColumn",
              "severity", "code", "message"}]}]
            positions are 1-based; endColumn is just after the last character.

Exit status: 1 if any diagnostic is an error, 2 if a file cannot be read, else 0.
`,
  mermaid: `Usage: tcpflow mermaid [options] <file>

Prints the Mermaid source of the script's sequence diagram on stdout, and its
diagnostics on stderr.

Options:
  --states changes|all|none      state notes in the diagram (overrides 'option states=')
  --numbers as-written|absolute  sequence numbers in labels (overrides 'option numbers=')
  --naming rfc|netstat           state names: SYN-RECEIVED or SYN_RCVD
  --autonumber                   number the messages

Exit status: 1 if any diagnostic is an error, 2 if the file cannot be read, else 0.
`,
  states: `Usage: tcpflow states [options] <file>

Prints a table with one row per line that changes the simulation: the line, its
text and every endpoint's state after it. A '*' marks a state that changed there.
Diagnostics go to stderr.

Options:
  --naming rfc|netstat           state names: SYN-RECEIVED or SYN_RCVD

Exit status: 1 if any diagnostic is an error, 2 if the file cannot be read, else 0.
`,
  render: `Usage: tcpflow render [options] -o <out.svg|out.png> <file>

Draws the script's sequence diagram with Mermaid in headless Chromium
(/usr/bin/chromium, or the TCPFLOW_CHROMIUM variable) and writes it as SVG or
PNG, by the output's extension. Diagnostics go to stderr.

Options:
  -o, --output <file>            the picture to write (.svg or .png)
  --theme light|dark             Mermaid's default or dark theme (default light)
  --states changes|all|none      state notes (default: the script's option)
  --numbers as-written|absolute  seq/ack as written or as absolute numbers
  --naming rfc|netstat           state names: SYN-RECEIVED or SYN_RCVD
  --autonumber                   number the messages
  --force                        overwrite <file> if it exists

Exit status: 1 if any diagnostic is an error, 2 for bad usage, an unreadable
file, an existing output without --force, or no Chromium, else 0.
`,
  import: `Usage: tcpflow import [options] <file>

Converts a packetdrill script (.pkt) or the text output of tcpdump -n into a
.tcpflow script and prints it on stdout. Then, on stderr: the import's own
problems (file:line of the input) and the diagnostics of the imported script
(line:col of the output, with the input line they come from).

Options:
  --format packetdrill|tcpdump   the input's format (default: .pkt files are
                                 packetdrill, other files are recognised by content)
  --connection N                 the connection to import from a capture that
                                 holds several (numbered as the error lists them)
  -o, --output <file>            write the script to <file> instead of stdout
  --force                        overwrite <file> if it exists

Exit status: 1 if the import or the imported script has errors, 2 for bad
usage, an unreadable file or an input with nothing to import, else 0.
`,
  corpus: `Usage: tcpflow corpus <folder>...

Imports every packetdrill script (.pkt) and every tcpdump text file (.txt,
.tcpdump, .dump, .log, .out recognised by content) under the folders, checks each
imported script and prints a table: files found, imported, failed to import
(with the reason), validated clean, and every diagnostic grouped by code with
its count and a few example locations.

Exit status: 1 if a file failed to import or a script has errors, 2 if a folder
cannot be read, else 0.
`,
};
