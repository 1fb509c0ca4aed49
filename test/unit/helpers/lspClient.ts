// Runs in Node, in the language server's tests: a Language Server Protocol client at the
// level of bytes on the pipe — `Content-Length` framing, JSON-RPC requests and notifications —
// talking to `tcpflow lsp --stdio` in a child process.

import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';

interface Message {
  readonly id?: number;
  readonly method?: string;
  readonly params?: unknown;
  readonly result?: unknown;
  readonly error?: { readonly code: number; readonly message: string };
}

export interface Notification {
  readonly method: string;
  readonly params: unknown;
}

const DEFAULT_DEADLINE_MS = 10_000;

export class LspClient {
  private readonly child: ChildProcessWithoutNullStreams;
  private buffer = Buffer.alloc(0);
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (m: Message) => void }>();
  /** Every notification the server sent, in order. */
  readonly notifications: Notification[] = [];
  private readonly waiters: (() => void)[] = [];
  /** What the server wrote to stderr. */
  stderr = '';

  /** `deadlineMs`: how long a request or a notification is waited for. */
  constructor(command: string, args: readonly string[], private readonly deadlineMs = DEFAULT_DEADLINE_MS) {
    this.child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stdout.on('data', (chunk: Buffer) => this.receive(chunk));
    this.child.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString('utf8')));
  }

  private receive(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, headerEnd).toString('ascii'))?.[1]);
      if (this.buffer.length < headerEnd + 4 + length) return;
      const message = JSON.parse(this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8')) as Message;
      this.buffer = this.buffer.subarray(headerEnd + 4 + length);
      this.dispatch(message);
    }
  }

  private dispatch(message: Message): void {
    if (message.method !== undefined && message.id !== undefined) {
      // A request from the server (workspace/inlayHint/refresh, …): acknowledged.
      this.send({ jsonrpc: '2.0', id: message.id, result: null });
    } else if (message.method !== undefined) {
      this.notifications.push({ method: message.method, params: message.params });
      for (const wake of this.waiters.splice(0)) wake();
    } else if (message.id !== undefined) {
      this.pending.get(message.id)?.resolve(message);
      this.pending.delete(message.id);
    }
  }

  private send(message: object): void {
    const body = Buffer.from(JSON.stringify(message), 'utf8');
    this.child.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.child.stdin.write(body);
  }

  /** Sends a request; resolves with its result, rejects with the server's error. */
  request<T>(method: string, params: unknown): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no answer to ${method} within ${this.deadlineMs} ms; stderr: ${this.stderr}`)), this.deadlineMs);
      this.pending.set(id, {
        resolve: (m) => {
          clearTimeout(timer);
          if (m.error) reject(Object.assign(new Error(m.error.message), { code: m.error.code }));
          else resolve(m.result as T);
        },
      });
      this.send({ jsonrpc: '2.0', id, method, params });
    });
  }

  notify(method: string, params: unknown): void {
    this.send({ jsonrpc: '2.0', method, params });
  }

  /** Resolves with the first notification, from the `from`th on, that `matches`; fails after the deadline. */
  async notification(matches: (n: Notification) => boolean, from = 0): Promise<Notification> {
    const deadline = Date.now() + this.deadlineMs;
    for (;;) {
      const found = this.notifications.slice(from).find(matches);
      if (found) return found;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no matching notification within ${this.deadlineMs} ms; got ${JSON.stringify(this.notifications.map((n) => n.method))}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Resolves with the server's exit code once it has exited. */
  exited(): Promise<number | null> {
    if (this.child.exitCode !== null) return Promise.resolve(this.child.exitCode);
    return new Promise((resolve) => this.child.once('exit', (code) => resolve(code)));
  }

  /** `shutdown` then `exit`, as a client ends a session; resolves with the exit code. */
  async close(): Promise<number | null> {
    const exited = this.exited();
    await this.request('shutdown', null);
    this.notify('exit', null);
    return exited;
  }

  kill(): void {
    this.child.kill();
  }
}
