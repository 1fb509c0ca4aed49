// The inputs the fuzz suite draws: arbitrary text, lines built from the language's words,
// the examples and the importers' fixtures with some characters changed, and each of these
// with other line breaks. Shared by the property tests and `npm run fuzz`.

import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { mutatedScripts } from '../unit/helpers/edits';

const root = path.join(__dirname, '..', '..', '..');

function readAll(folder: string): string[] {
  const dir = path.join(root, folder);
  return fs
    .readdirSync(dir)
    .sort()
    .map((f) => fs.readFileSync(path.join(dir, f), 'utf8'));
}

export const examples = readAll('examples');
const packetdrill = readAll('test/fixtures/packetdrill');
const tcpdump = readAll('test/fixtures/tcpdump');

const WORDS = [
  'participant', 'c', 's', 'x', 'listen', 'unchecked', 'isn=5', 'keepalive=1s', '->', '-x', '~>', ':', 'SYN', 'ACK', 'FIN', 'RST',
  'PSH', 'SYN+ACK', 'FIN+ACK', 'SYN+FIN', 'S.', '.', 'F.', 'seq=x', 'ack=x+1', 'seq=0', 'ack=1', 'seq=4294967295', 'len=3', 'win=0',
  'mss=0', 'wscale=14', 'sack=1-2', 'ts=1/2', '"ab\\x00"', '"é"', '"', '"\\x4"', 'retransmit', 'keepalive', 'duplicate', 'as', 'd',
  'deliver', 'simultaneous', 'end', 'wait', '2MSL', '1s', '200ms', 'expect', 'CLOSED', 'LISTEN', 'ESTABLISHED', 'TIME-WAIT',
  'FIN_WAIT_1', 'note', 'section', 'title', 'option', 'msl=1s', 'states=all', 'numbers=absolute', '#', 'close', 'abort', 'crash',
  'connect', 'listen', 'shutdown', 'c:', 's:', 'c -> s:', 's -> c:', '\n', '\n', '\n', '\r', '\r\n', ',', '\t',
];

/** Lines of the language's own words, which reach deep into the engine. */
export const wordScripts = fc.array(fc.constantFrom(...WORDS), { maxLength: 120 }).map((w) => w.join(' '));

/** Valid-looking exchanges between many implicit endpoints. */
export const manyEndpoints = fc
  .array(fc.tuple(fc.nat(40), fc.nat(40), fc.constantFrom('SYN', 'SYN+ACK', 'ACK', 'FIN+ACK', 'RST', 'PSH+ACK "x"')), { maxLength: 60 })
  .map((rows) => rows.map(([a, b, flags]) => `e${a} -> e${b}: ${flags}`).join('\n'));

const withLineBreaks = (texts: fc.Arbitrary<string>) =>
  fc.tuple(texts, fc.constantFrom('\n', '\r\n', '\r')).map(([text, eol]) => (eol === '\n' ? text : text.replace(/\n/g, eol)));

const FLAG_SETS = ['SYN', 'SYN+ACK', 'ACK', 'FIN+ACK', 'FIN', 'RST', 'RST+ACK', 'PSH+ACK', 'SYN+FIN'];

/**
 * An example with whole lines dropped, repeated or swapped, a number changed or a flag set
 * swapped for another: scripts that mostly parse, with the mistakes the engine judges.
 */
export const lineMutatedScripts: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom(...examples), fc.array(fc.tuple(fc.nat(4), fc.nat(), fc.nat()), { minLength: 1, maxLength: 4 }))
  .map(([text, edits]) => {
    const rows = text.split('\n');
    for (const [kind, a, b] of edits) {
      const i = a % rows.length;
      if (kind === 0) rows.splice(i, 1);
      else if (kind === 1) rows.splice(i, 0, rows[i]);
      else if (kind === 2 && i + 1 < rows.length) [rows[i], rows[i + 1]] = [rows[i + 1], rows[i]];
      else if (kind === 3) rows[i] = rows[i].replace(/\d+/, String(b % 5000));
      else rows[i] = rows[i].replace(/\b(SYN\+ACK|FIN\+ACK|PSH\+ACK|RST\+ACK|SYN|ACK|FIN|RST)\b/, FLAG_SETS[b % FLAG_SETS.length]);
      if (rows.length === 0) rows.push('');
    }
    return rows.join('\n');
  });

/** Inputs for the script entry points. */
export const scripts: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 400, unit: 'grapheme-composite' }),
  fc.string({ maxLength: 200, unit: 'binary' }),
  wordScripts,
  manyEndpoints,
  withLineBreaks(mutatedScripts(examples)),
  withLineBreaks(lineMutatedScripts),
);

/** Inputs for the importers: their fixtures changed, and the script inputs. */
export const imports: fc.Arbitrary<string> = fc.oneof(
  withLineBreaks(mutatedScripts(packetdrill)),
  withLineBreaks(mutatedScripts(tcpdump)),
  fc.string({ maxLength: 300, unit: 'grapheme-composite' }),
  wordScripts,
);
