// What the end of the script says: replies still owed (a warning each) and, for a script
// without errors, a connection left mid-handshake or half-open (RFC 9293 §3.5.1).

import type { Script } from '../syntax/ast';
import type { DiagnosticCode, DiagnosticData } from '../diagnostics';
import type { Range } from '../syntax/range';
import { whyText, type Endpoint } from './model';
import { isIntent, owedFlags, owedText } from './obligations';

type Report = (code: DiagnosticCode, range: Range, message: string, extra?: { data?: DiagnosticData }) => void;

/**
 * `ends`: every connection end (one per participant in a script of one connection each);
 * `participants` by index, for names; `peerEnd`: the other end of an end's connection;
 * `missed`: the segment that never reached an end since its state last changed, said as a sentence.
 */
export function endOfScript(
  script: Script,
  ends: readonly Endpoint[],
  participants: readonly Endpoint[],
  peerEnd: (ep: Endpoint) => Endpoint | undefined,
  hasErrors: boolean,
  report: Report,
  missed: (ep: Endpoint) => string | undefined = () => undefined,
): void {
  repliesStillOwed(script, ends, participants, report);
  // Whether the script is finished is worth saying only of a script without errors.
  const last = script.statements[script.statements.length - 1];
  if (last && !hasErrors) unfinishedConnections(last.range, ends, peerEnd, report, missed);
}

function repliesStillOwed(script: Script, ends: readonly Endpoint[], endpoints: readonly Endpoint[], report: Report): void {
  const endLine = script.lineCount;
  for (const ep of ends) {
    for (const o of ep.tcb.obligations) {
      if (o.optional) continue;
      const peer = o.to >= 0 ? endpoints[o.to] : endpoints.find((e) => e.index !== ep.index);
      const text = peer ? `${ep.name} -> ${peer.name}: ${owedFlags(o)}` : undefined;
      const message = isIntent(o)
        ? `${ep.name} ${whyText(o.why)}, but the script ends before it sends ${owedText(o)}`
        : `${ep.name} never sends ${owedText(o)}${peer ? ` to ${peer.name}` : ''}, owed because ${whyText(o.why)}`;
      report('tcp.reply-missing', o.range, message, text ? { data: { insertLine: { before: endLine, text } } } : undefined);
    }
  }
}

function unfinishedConnections(
  lastRange: Range,
  ends: readonly Endpoint[],
  peerEnd: (ep: Endpoint) => Endpoint | undefined,
  report: Report,
  missed: (ep: Endpoint) => string | undefined,
): void {
  for (const ep of ends) {
    const s = ep.tcb.state;
    if (!ep.checked) continue;
    if (s === 'SYN-SENT' || s === 'SYN-RECEIVED') {
      // Most often the segment that would have completed the handshake never arrived: say which.
      const why = missed(ep);
      report('tcp.unfinished', lastRange, `the script ends mid-handshake: ${ep.name} is ${s}${why ? `. ${why}` : ''}`);
      continue;
    }
    const peer = ep.tcb.peer >= 0 ? peerEnd(ep) : undefined;
    const ps = peer?.tcb.state;
    if (peer && (s === 'ESTABLISHED' || s === 'CLOSE-WAIT' || s === 'FIN-WAIT-1' || s === 'FIN-WAIT-2') && (ps === 'CLOSED' || ps === 'LISTEN' || ps === 'SYN-SENT')) {
      report('tcp.unfinished', lastRange, `the script ends with a half-open connection: ${ep.name} is ${s} while ${peer.name} is ${ps} and knows nothing of it`);
    }
  }
}
