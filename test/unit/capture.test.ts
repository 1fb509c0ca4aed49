// Real captures from the Linux TCP stack: a Node server and client talk over loopback while
// tcpdump (-i lo -n -S -tt -l) captures them; the capture, imported, must validate clean and
// end in the states the scenario leads to. Needs tcpdump and the right to capture (root or
// CAP_NET_RAW); without them the tests are skipped and say why.

import * as assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as net from 'node:net';
import { analyze, importTcpdump, type Analysis, type ImportResult } from '../../src/core';
import { finalStates } from './helpers/analysis';
import { tcpdumpReady } from './helpers/tcpdump';

interface Captured {
  readonly text: string;
  readonly result: ImportResult;
  readonly analysis: Analysis;
}

interface Scenario {
  readonly server?: net.ServerOpts;
  /** What the server does with its connection. */
  readonly onConnection: (socket: net.Socket) => void;
  /** Opens the client connection and plays the client's part. */
  readonly client: (port: number) => net.Socket;
  /** Whether the capture so far shows the end of the scenario. */
  readonly done: (captured: Captured) => boolean;
  readonly deadlineMs: number;
  /** Skip (with this reason) instead of failing when the deadline passes. */
  readonly skipAfterDeadline?: string;
}

const HELLO = 'hello';
const WORLD = 'world';

/** Why tcpdump cannot be used here, or undefined. */
function tcpdumpMissing(): string | undefined {
  const probe = spawnSync('tcpdump', ['--version'], { encoding: 'utf8' });
  if (probe.error) return `tcpdump is not installed (${probe.error.message}); on Debian: apt-get install -y tcpdump`;
  return undefined;
}

function skip(context: Mocha.Context, reason: string): never {
  if (context.test) context.test.title += ` (skipped: ${reason.replace(/\s*\n\s*/g, ' ')})`;
  context.skip();
}

function importCapture(output: string): Captured {
  const text = output.slice(0, output.lastIndexOf('\n') + 1);
  const result = importTcpdump(text);
  return { text, result, analysis: analyze(result.text) };
}

/** Resolves with the first capture (complete lines) that `done` accepts; undefined at the deadline. */
function captureUntil(tcpdump: ChildProcess, done: (c: Captured) => boolean, deadlineMs: number): Promise<{ captured?: Captured; output: string }> {
  return new Promise((resolve) => {
    let output = '';
    const finish = (captured?: Captured) => {
      clearTimeout(timer);
      tcpdump.stdout!.removeListener('data', onData);
      resolve({ captured, output });
    };
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const captured = importCapture(output);
      if (captured.result.text !== '' && done(captured)) finish(captured);
    };
    const timer = setTimeout(() => finish(undefined), deadlineMs);
    tcpdump.stdout!.on('data', onData);
  });
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

async function run(context: Mocha.Context, scenario: Scenario): Promise<Captured> {
  const missing = tcpdumpMissing();
  if (missing) skip(context, missing);

  const sockets = new Set<net.Socket>();
  const server = net.createServer(scenario.server ?? {}, (socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    scenario.onConnection(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  const tcpdump = spawn('tcpdump', ['-i', 'lo', '-n', '-S', '-tt', '-l', 'port', String(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    try {
      await tcpdumpReady(tcpdump, 5000);
    } catch (error) {
      skip(context, `tcpdump cannot capture on lo here: ${error instanceof Error ? error.message : String(error)}`);
    }
    const capturing = captureUntil(tcpdump, scenario.done, scenario.deadlineMs);
    const client = scenario.client(port);
    sockets.add(client);
    client.on('error', () => undefined);
    const { captured, output } = await capturing;
    if (captured === undefined) {
      if (scenario.skipAfterDeadline) skip(context, scenario.skipAfterDeadline);
      assert.fail(`the capture did not reach the end of the scenario within ${scenario.deadlineMs}ms:\n${output}\n${importCapture(output).result.text}`);
    }
    return captured;
  } finally {
    tcpdump.kill();
    await exited(tcpdump);
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/** The imported script's diagnostics, with their messages, so a failure says what went wrong. */
function diagnosticsOf(c: Captured): string[] {
  return c.analysis.diagnostics.map((d) => `${d.code} ${d.range.start.line + 1}: ${d.message}`);
}

function bodyOf(c: Captured): string[] {
  return c.result.text.split('\n').filter((l) => / [-~][>x] /.test(l) || l.startsWith('deliver'));
}

describe('captures of the Linux TCP stack (tcpdump on loopback)', function () {
  this.timeout(20_000);

  it('(a) handshake, data both ways, graceful close from the client', async function () {
    const captured = await run(this, {
      onConnection: (socket) => {
        socket.once('data', () => socket.write(WORLD));
        socket.on('end', () => socket.end());
      },
      client: (port) => {
        const client = net.connect(port, '127.0.0.1', () => client.write(HELLO));
        client.once('data', () => client.end());
        return client;
      },
      done: (c) => finalStates(c.analysis) === 'client TIME-WAIT, server CLOSED',
      deadlineMs: 5000,
    });
    assert.deepEqual(diagnosticsOf(captured), [], `${captured.text}\n${captured.result.text}`);
    assert.deepEqual(captured.result.diagnostics, []);
    const segments = bodyOf(captured);
    assert.ok(segments.some((l) => l.startsWith('client -> server: PSH+ACK seq=1 ') && l.includes(' len=5 ')), segments.join('\n'));
    assert.ok(segments.some((l) => l.startsWith('server -> client: PSH+ACK seq=1 ') && l.includes(' len=5 ')), segments.join('\n'));
  });

  it('(b) half-close: the client ends, the server keeps writing, then ends', async function () {
    const captured = await run(this, {
      server: { allowHalfOpen: true },
      onConnection: (socket) => {
        socket.resume();
        socket.on('end', () => {
          socket.write('more data');
          socket.end();
        });
      },
      client: (port) => {
        const client = net.connect(port, '127.0.0.1', () => client.end());
        client.resume();
        return client;
      },
      done: (c) => finalStates(c.analysis) === 'client TIME-WAIT, server CLOSED',
      deadlineMs: 5000,
    });
    assert.deepEqual(diagnosticsOf(captured), [], `${captured.text}\n${captured.result.text}`);
    const segments = bodyOf(captured);
    const clientFin = segments.findIndex((l) => l.startsWith('client -> server: FIN+ACK'));
    const serverData = segments.findIndex((l) => l.startsWith('server -> client: PSH+ACK') && l.includes(' len=9 '));
    assert.ok(clientFin >= 0 && serverData > clientFin, `data after the client's FIN:\n${segments.join('\n')}`);
  });

  it('(c) a RST from socket.resetAndDestroy()', async function () {
    const captured = await run(this, {
      onConnection: (socket) => socket.resetAndDestroy(),
      client: (port) => net.connect(port, '127.0.0.1'),
      done: (c) => bodyOf(c).some((l) => l.startsWith('server -> client: RST')),
      deadlineMs: 5000,
    });
    assert.deepEqual(diagnosticsOf(captured), [], `${captured.text}\n${captured.result.text}`);
    assert.equal(finalStates(captured.analysis), 'client CLOSED, server CLOSED');
  });

  it('(d) keep-alive: a probe after 1s of idle time, and its ACK', async function () {
    const captured = await run(this, {
      onConnection: (socket) => socket.resume(),
      client: (port) => {
        const client = net.connect(port, '127.0.0.1', () => client.setKeepAlive(true, 1000));
        client.resume();
        return client;
      },
      done: (c) => {
        const segments = bodyOf(c);
        const probe = segments.findIndex((l) => l.startsWith('client -> server: ACK') && l.includes(' keepalive'));
        return probe >= 0 && segments.slice(probe + 1).some((l) => l.startsWith('server -> client: ACK'));
      },
      deadlineMs: 5000,
      skipAfterDeadline: 'no keep-alive probe and answer were captured within 5s',
    });
    assert.deepEqual(diagnosticsOf(captured), [], `${captured.text}\n${captured.result.text}`);
    assert.equal(finalStates(captured.analysis), 'client ESTABLISHED, server ESTABLISHED');
    assert.match(captured.result.text, /^participant client 127\.0\.0\.1:\d+ keepalive=1s {3}# ISN \d+$/m);
  });
});
