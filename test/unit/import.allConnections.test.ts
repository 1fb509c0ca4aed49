// `import --all`: every connection of a capture as one scenario, one participant per host,
// the ports on each segment, the connections' segments in the capture's order. The scripts
// are asserted whole and checked clean.

import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze, importCapture, importTcpdump } from '../../src/core';
import { run } from '../../src/cli/run';
import { assertClean } from './helpers/analysis';
import { lines } from './helpers/lines';

/** A script's text: its lines, each ending with a newline. */
const script = (...rows: string[]) => `${lines(...rows)}\n`;

const PCAP = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'pcap');

const HEADER = [
  '# Imported from tcpdump output by tcpflow: all 2 connections, one participant per host, the ports on each segment.',
  '# The segments of every connection are in the order of the capture; sequence numbers are relative to each side of each',
  "# connection's ISN, as Wireshark shows them.",
];

/** A server with two interleaved clients; the first one resets its connection. */
const TWO_CLIENTS = lines(
  '12:00:00.000001 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [S], seq 100, win 65535, length 0',
  '12:00:00.000002 IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [S.], seq 300, ack 101, win 65535, length 0',
  '12:00:00.003000 IP 10.0.0.3.50000 > 10.0.0.2.80: Flags [S], seq 500, win 65535, length 0',
  '12:00:00.003001 IP 10.0.0.2.80 > 10.0.0.3.50000: Flags [S.], seq 700, ack 501, win 65535, length 0',
  '12:00:00.003002 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [.], ack 301, win 65535, length 0',
  '12:00:00.003003 IP 10.0.0.3.50000 > 10.0.0.2.80: Flags [.], ack 701, win 65535, length 0',
  '12:00:00.010000 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [R.], seq 101, ack 301, win 0, length 0',
);

/** A proxy: 10.0.0.2 accepts on 8080 and opens its own connection to 10.0.0.3:80. */
const PROXY = lines(
  '12:00:00.000001 IP 10.0.0.1.40000 > 10.0.0.2.8080: Flags [S], seq 100, win 65535, length 0',
  '12:00:00.000002 IP 10.0.0.2.8080 > 10.0.0.1.40000: Flags [S.], seq 300, ack 101, win 65535, length 0',
  '12:00:00.000003 IP 10.0.0.1.40000 > 10.0.0.2.8080: Flags [.], ack 301, win 65535, length 0',
  '12:00:00.000004 IP 10.0.0.2.41000 > 10.0.0.3.80: Flags [S], seq 500, win 65535, length 0',
  '12:00:00.000005 IP 10.0.0.3.80 > 10.0.0.2.41000: Flags [S.], seq 700, ack 501, win 65535, length 0',
  '12:00:00.000006 IP 10.0.0.2.41000 > 10.0.0.3.80: Flags [.], ack 701, win 65535, length 0',
);

describe('import --all: every connection as one scenario', () => {
  it('a server with two interleaved clients: a participant per host, the ports on each segment, the capture order, its waits', () => {
    const result = importTcpdump(TWO_CLIENTS, { all: true, title: 'two.txt' });
    assert.equal(
      result.text,
      script(
        ...HEADER,
        'title two.txt',
        'participant client 10.0.0.1',
        'participant server 10.0.0.2 listen',
        'participant client2 10.0.0.3',
        '',
        'client:40000 -> server:80: SYN seq=0 win=65535',
        'server:80 -> client:40000: SYN+ACK seq=0 ack=1 win=65535',
        'wait 3ms',
        'client2:50000 -> server:80: SYN seq=0 win=65535',
        'server:80 -> client2:50000: SYN+ACK seq=0 ack=1 win=65535',
        'client:40000 -> server:80: ACK ack=1 win=65535',
        'client2:50000 -> server:80: ACK ack=1 win=65535',
        'wait 7ms',
        'client:40000 -> server:80: RST+ACK seq=1 ack=1 win=0',
      ),
    );
    assert.deepEqual(result.diagnostics, []);
    // Each segment line remembers its input line.
    assert.deepEqual(result.lineMap.slice(8), [1, 2, 3, 3, 4, 5, 6, 7, 7]);
    assertClean(result.text);
  });

  it('a proxy: the host that accepts one connection opens the other', () => {
    const result = importTcpdump(PROXY, { all: true });
    assert.equal(
      result.text,
      script(
        ...HEADER,
        'participant client 10.0.0.1',
        'participant server 10.0.0.2 listen',
        'participant server2 10.0.0.3 listen',
        '',
        'client:40000 -> server:8080: SYN seq=0 win=65535',
        'server:8080 -> client:40000: SYN+ACK seq=0 ack=1 win=65535',
        'client:40000 -> server:8080: ACK ack=1 win=65535',
        'server:41000 -> server2:80: SYN seq=0 win=65535',
        'server2:80 -> server:41000: SYN+ACK seq=0 ack=1 win=65535',
        'server:41000 -> server2:80: ACK ack=1 win=65535',
      ),
    );
    assertClean(result.text);
  });

  it('a wrong number in one connection is found on its own line, once', () => {
    const wrong = TWO_CLIENTS.replace('ack 701, win', 'ack 702, win');
    const result = importTcpdump(wrong, { all: true });
    assert.deepEqual(
      analyze(result.text).diagnostics.map((d) => `${d.code} ${d.range.start.line + 1}`),
      ['tcp.bad-ack 14'],
    );
    assert.equal(result.text.split('\n')[13], 'client2:50000 -> server:80: ACK ack=2 win=65535');
  });

  it('a loopback capture of two connections: one host, each listening socket its own participant; checks clean', () => {
    const bytes = new Uint8Array(readFileSync(join(PCAP, 'lo-two-connections.pcap')));
    const result = importCapture(bytes, { all: true, title: 'two.pcap' });
    const text = result.text.split('\n');
    assert.deepEqual(
      text.filter((l) => l.startsWith('participant')),
      ['participant client 127.0.0.1', 'participant server 127.0.0.1:45678 listen', 'participant server2 127.0.0.1:5001 listen'],
    );
    // Every segment of both connections, in packet order, each line naming its packet.
    const one = importCapture(bytes, { connection: 1 });
    const two = importCapture(bytes, { connection: 2 });
    const segments = (t: string) => t.split('\n').filter((l) => / (->|-x|~>) /.test(l) && !l.startsWith('#')).length;
    assert.equal(segments(result.text), segments(one.text) + segments(two.text));
    assert.equal(segments(result.text), 32);
    const packets = result.lineMap.filter((p, i) => p !== undefined && / (->|-x|~>) /.test(text[i]));
    assert.deepEqual(packets, [...packets].sort((a, b) => a! - b!));
    assert.deepEqual(result.diagnostics, []);
    assertClean(result.text);
  });

  it('one connection: --all gives what a plain import gives', () => {
    const one = lines(...TWO_CLIENTS.split('\n').filter((l) => l.includes('10.0.0.1.')));
    assert.equal(importTcpdump(one, { all: true, title: 't' }).text, importTcpdump(one, { title: 't' }).text);
  });

  it('tcpflow import --all prints the scenario; --all with --connection is refused', async () => {
    let stdout = '';
    let stderr = '';
    const io = {
      stdout: (t: string) => (stdout += t),
      stderr: (t: string) => (stderr += t),
      readFile: async () => TWO_CLIENTS,
      readStdin: async () => '',
      version: '0.0.0',
    };
    assert.equal(await run(['import', '--all', 'two.txt'], io), 0);
    assert.equal(stdout, importTcpdump(TWO_CLIENTS, { all: true, title: 'two.txt' }).text);
    assert.equal(stderr, 'two.txt: imported from tcpdump, 0 import problems; the script has 0 errors, 0 warnings\n');
    stderr = '';
    assert.equal(await run(['import', '--all', '--connection', '1', 'two.txt'], io), 2);
    assert.match(stderr, /'--all' and '--connection' cannot be used together/);
  });
});
