// The help texts of the tcpflow command.

import type { CommandName } from './args';

export const USAGE = `Usage: tcpflow <command> [options] <file>...

Check .tcpflow scripts of TCP segment exchanges against RFC 9293, and draw them.

Commands:
  check [options] <file>...  report every file's diagnostics
  mermaid [options] <file>   print the Mermaid sequence diagram
  states [options] <file>    print each endpoint's state after every line
  render -o <out> <file>     draw a view (sequence, ladder, states) as SVG or PNG
  import [options] <file>    convert a packetdrill script, tcpdump text or a pcap/pcapng capture to .tcpflow
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
  check: `Usage: tcpflow check [options] <file>...

Reports the diagnostics of each file as 'file:line:col: severity code: message'
(1-based) on stdout, and a count on stderr.

Options:
  --json    print one JSON array instead:
            [{"file", "diagnostics": [{"line", "column", "endLine", "endColumn",
              "severity", "code", "message"}]}]
            positions are 1-based; endColumn is just after the last character.
  --max-diagnostics N  print at most N diagnostics per file, then one saying how
            many more (default 1000); the count and exit status include them all

Exit status: 1 if any diagnostic is an error, 2 if a file cannot be read, else 0.
`,
  mermaid: `Usage: tcpflow mermaid [options] <file>

Prints the Mermaid source of the script's sequence diagram on stdout, and its
diagnostics on stderr.

Options:
  --states changes|all|none      state notes in the diagram (overrides 'option states=')
  --numbers as-written|relative|absolute|none
                                 seq/ack in labels (overrides 'option numbers=')
  --naming rfc|netstat           state names: SYN-RECEIVED or SYN_RCVD
  --autonumber                   number the messages
  --max-diagnostics N            print at most N diagnostics (default 1000)

Exit status: 1 if any diagnostic is an error, 2 if the file cannot be read, else 0.
`,
  states: `Usage: tcpflow states [options] <file>

Prints a table with one row per line that changes the simulation: the line, its
text and every endpoint's state after it. A '*' marks a state that changed there.
Diagnostics go to stderr.

Options:
  --naming rfc|netstat           state names: SYN-RECEIVED or SYN_RCVD
  --max-diagnostics N            print at most N diagnostics (default 1000)

Exit status: 1 if any diagnostic is an error, 2 if the file cannot be read, else 0.
`,
  render: `Usage: tcpflow render [options] -o <out.svg|out.png> <file>

Draws one view of the script and writes it as SVG or PNG, by the output's
extension. The sequence diagram is drawn with Mermaid in headless Chromium
(/usr/bin/chromium, or the TCPFLOW_CHROMIUM variable), exactly as the preview
draws and exports it, in the preview's pages; the timing ladder and the RFC 9293
Figure 5 state machine need no browser. Diagnostics go to stderr.

Options:
  -o, --output <file>            the picture to write (.svg or .png)
  --view sequence|ladder|states  the sequence diagram (default), the timing
                                 ladder, or Figure 5 with the paths taken
  --theme light|dark             light or dark colours (default light)
  --background transparent|white|theme
                                 what lies under the sequence diagram (default transparent)
  --page <n>|all                 the page of the sequence diagram to draw, or every page (default 1)
  --states changes|all|none      state notes (default: the script's option)
  --numbers as-written|relative|absolute|none
                                 seq/ack on the arrows (default as-written)
  --naming rfc|netstat           state names: SYN-RECEIVED or SYN_RCVD
  --autonumber                   number the messages
  --force                        overwrite <file> if it exists

Exit status: 1 if any diagnostic is an error, 2 for bad usage, an unreadable
file, a page past the last, an existing output without --force, no Chromium
for the sequence diagram, or a diagram Mermaid cannot draw, else 0.
`,
  import: `Usage: tcpflow import [options] <file>

Converts a packetdrill script (.pkt), the text output of tcpdump -n, or a pcap
or pcapng capture file (tcpdump -w, Wireshark, dumpcap) into a .tcpflow script
and prints it on stdout. Then, on stderr: the import's own problems (file:line
of the input, file#packet of a capture file) and the diagnostics of the
imported script (line:col of the output, with the input line they come from).

Options:
  --format packetdrill|tcpdump|pcap
                                 the input's format (default: capture files by
                                 their magic number, .pkt files are packetdrill,
                                 other files are recognised by content)
  --list                         print the connections of a capture, one a line
                                 (endpoints, packets, duration, how it ends)
  --connection N                 the connection to import from a capture that
                                 holds several (numbered as --list shows them)
  --all                          import every connection of a capture as one
                                 scenario: a participant per host, the ports on
                                 each segment, a section per connection
  -o, --output <file>            write the script to <file> instead of stdout
  --force                        overwrite <file> if it exists
  --max-diagnostics N            print at most N problems and N diagnostics (default 1000)

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
